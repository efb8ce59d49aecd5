using System.Buffers;
using System.Text;
using CsCheck;
using MocketNet.Http.Codec;
using MocketNet.Tests.Shared;

namespace MocketNet.Http.Tests.Codec;

/// <summary>Properties of the HTTP request reader, over generated requests and random bytes (CsCheck).</summary>
public class HttpReaderProperties
{
    private const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
    private const string ValueChars = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~\t";

    private static readonly Gen<string> s_token = Gen.String[Gen.Char[TokenChars], 1, 12];

    private static readonly Gen<GeneratedRequest> s_request =
        from method in Gen.OneOf("GET", "POST", "PUT", "DELETE", "PATCH", "REPORT")
        from segments in Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-._~%"], 0, 8].Array[0, 4]
        from query in Gen.String[Gen.Char["abc=&123"], 0, 10]
        from names in s_token.Where(n => !n.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !n.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Array[0, 6]
        from values in Gen.String[Gen.Char[ValueChars], 0, 20].Array[6]
        from body in Gen.Byte.Array[0, 300]
        from chunked in Gen.Bool
        from chunkSizes in Gen.Int[1, 64].Array[1, 20]
        from trailers in s_token.Array[0, 2]
        select new GeneratedRequest(
            method, "/" + string.Join('/', segments) + (query.Length > 0 ? "?" + query : string.Empty),
            [.. names.Select((n, i) => new KeyValuePair<string, string>(n, values[i].Trim(' ', '\t')))], body, chunked, chunkSizes,
            [.. trailers.Select(t => new KeyValuePair<string, string>("X-T-" + t, t))]);

    [Fact]
    public void A_valid_request_reads_the_same_whole_split_at_any_points_and_arriving_in_any_pieces()
    {
        Gen.Select(s_request, Gen.Int[0, 10_000].Array[0, 4]).Sample((request, cuts) =>
        {
            var bytes = request.Serialize();
            var whole = new ReadOnlySequence<byte>(bytes);
            Assert.True(new HttpRequestReader().TryRead(ref whole, out var expected));
            Assert.True(whole.IsEmpty);
            request.AssertReadAs(expected);

            var split = Segments.Split(bytes, [.. cuts.Select(c => c % (bytes.Length + 1))]);
            Assert.True(new HttpRequestReader().TryRead(ref split, out var fromSegments));
            request.AssertReadAs(fromSegments);

            // The same reader, handed more each time (the pump's way), consumes nothing until the request is whole.
            var reader = new HttpRequestReader();
            var ends = cuts.Select(c => c % bytes.Length).Order().Append(bytes.Length);
            ParsedHttpRequest? incremental = null;
            foreach (var end in ends)
            {
                var partial = new ReadOnlySequence<byte>(bytes, 0, end);
                var done = reader.TryRead(ref partial, out incremental);
                Assert.Equal(done, end == bytes.Length);
                Assert.Equal(done ? 0 : end, partial.Length);
            }

            request.AssertReadAs(incremental);
        }, iter: 2_000);
    }

    [Fact]
    public void Random_bytes_give_only_the_typed_rejection_and_the_reader_always_ends()
    {
        var validStart = Encoding.ASCII.GetBytes("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        Gen.Select(Gen.Bool, Gen.Byte.Array[0, 400], Gen.Int[1, 50]).Sample((prefixed, random, step) =>
        {
            var bytes = prefixed ? [.. validStart, .. random] : random;
            var reader = new HttpRequestReader();
            try
            {
                // Fed in steps as a connection would; each call ends, and a request read is consumed whole.
                var consumed = 0;
                for (var end = Math.Min(step, bytes.Length); consumed < bytes.Length; end = Math.Min(end + step, bytes.Length))
                {
                    var buffer = new ReadOnlySequence<byte>(bytes, consumed, end - consumed);
                    while (reader.TryRead(ref buffer, out _))
                    {
                        consumed = bytes.Length - (int)buffer.Length - (bytes.Length - end);
                    }

                    if (end == bytes.Length)
                    {
                        break;
                    }
                }
            }
            catch (HttpFormatException error)
            {
                Assert.True(Enum.IsDefined(error.Reason));
            }
        }, iter: 20_000);
    }

    /// <summary>A request as a test writes it, and what the reader must make of it.</summary>
    internal sealed record GeneratedRequest(
        string Method, string Target, KeyValuePair<string, string>[] Fields, byte[] Body, bool Chunked, int[] ChunkSizes,
        KeyValuePair<string, string>[] Trailers)
    {
        public byte[] Serialize()
        {
            var head = new StringBuilder().Append(Method).Append(' ').Append(Target).Append(" HTTP/1.1\r\n");
            foreach (var (name, value) in Fields)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            head.Append(Chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {Body.Length}\r\n\r\n");
            var bytes = new List<byte>(Encoding.ASCII.GetBytes(head.ToString()));
            if (!Chunked)
            {
                bytes.AddRange(Body);
                return [.. bytes];
            }

            var offset = 0;
            for (var i = 0; offset < Body.Length; i++)
            {
                var size = Math.Min(ChunkSizes[i % ChunkSizes.Length], Body.Length - offset);
                bytes.AddRange(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                bytes.AddRange(Body.AsSpan(offset, size).ToArray());
                bytes.AddRange("\r\n"u8.ToArray());
                offset += size;
            }

            bytes.AddRange(Encoding.ASCII.GetBytes("0\r\n" + string.Concat(Trailers.Select(t => $"{t.Key}: {t.Value}\r\n")) + "\r\n"));
            return [.. bytes];
        }

        public void AssertReadAs(ParsedHttpRequest? read)
        {
            Assert.NotNull(read);
            Assert.Equal(Method, read.Method);
            Assert.Equal(Target, read.Target);
            Assert.Equal(Body, read.Body);
            var expectedFields = Fields.Append(new(Chunked ? "Transfer-Encoding" : "Content-Length", Chunked ? "chunked" : Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(Chunked ? expectedFields.Concat(Trailers) : expectedFields, read.Headers);
        }
    }
}
