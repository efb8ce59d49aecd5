using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MocketNet.Http.Http2;

namespace MocketNet.Http.Tests.Http2;

/// <summary>
/// The HTTP/2 reader and HPACK on bytes: RFC 7541's examples, the same verdict whole and in pieces, and a typed rejection
/// (with its GOAWAY code) for each way a client can break the protocol.
/// </summary>
public class Http2ReaderTests
{
    [Fact]
    public void Hpack_decodes_RFC_7541_C4_requests_with_Huffman_and_the_dynamic_table()
    {
        var hpack = new Hpack(maxHeaderListLength: 64 * 1024);

        var first = hpack.Decode(Hex("828684418cf1e3c2e5f23a6ba0ab90f4ff"));
        var second = hpack.Decode(Hex("828684be5886a8eb10649cbf"));
        var third = hpack.Decode(Hex("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"));

        Assert.Equal(new[] { (":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com") }, Pairs(first));
        Assert.Equal(
            new[] { (":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com"), ("cache-control", "no-cache") }, Pairs(second));
        Assert.Equal(
            new[] { (":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value") },
            Pairs(third));
    }

    [Fact]
    public void The_Huffman_code_lengths_make_a_complete_prefix_code()
    {
        // Kraft's equality: a canonical code built from these lengths leaves no code unused and none ambiguous.
        var sum = 0.0;
        foreach (var length in HpackHuffman.Lengths)
        {
            sum += Math.Pow(2, -length);
        }

        Assert.Equal(257, HpackHuffman.Lengths.Length);
        Assert.Equal(1.0, sum, precision: 12);
        Assert.Equal("https://www.example.com", HpackHuffman.Decode(Hex("9d29ad171863c78f0b97c8e9ae82ae43d3")));
    }

    [Fact]
    public void A_request_reads_the_same_whole_and_one_byte_at_a_time()
    {
        var bytes = Client()
            .Settings()
            .Headers(1, endStream: false, (":method", "POST"), (":scheme", "https"), (":path", "/items?x=1"), (":authority", "api.test"), ("content-type", "text/plain"))
            .Data(1, "hello ", endStream: false)
            .Data(1, "world", endStream: true)
            .Bytes;

        var whole = ReadAll(bytes, pieceSize: bytes.Length);
        var pieces = ReadAll(bytes, pieceSize: 1);

        Assert.Equal("POST /items?x=1 hello world host=api.test", Describe(whole));
        Assert.Equal(Describe(whole), Describe(pieces));
    }

    public static TheoryData<string, HttpFormatError> Broken => new()
    {
        { "bad preface", HttpFormatError.Http2ProtocolError },
        { "frame over 16 KiB", HttpFormatError.Http2FrameSizeError },
        { "HEADERS on stream 0", HttpFormatError.Http2ProtocolError },
        { "even stream", HttpFormatError.Http2ProtocolError },
        { "DATA before HEADERS", HttpFormatError.Http2ProtocolError },
        { "HPACK index past the tables", HttpFormatError.Http2CompressionError },
        { "Huffman EOS", HttpFormatError.Http2CompressionError },
        { "upper-case field name", HttpFormatError.Http2ProtocolError },
        { "connection field", HttpFormatError.Http2ProtocolError },
        { "SETTINGS of 5 bytes", HttpFormatError.Http2FrameSizeError },
        { "WINDOW_UPDATE by 0", HttpFormatError.Http2ProtocolError },
        { "window past 2^31-1", HttpFormatError.Http2FlowControlError },
        { "PUSH_PROMISE from the client", HttpFormatError.Http2ProtocolError },
        { "a frame between HEADERS and CONTINUATION", HttpFormatError.Http2ProtocolError },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_way_of_breaking_the_protocol_is_a_typed_rejection_whole_and_in_pieces(string how, HttpFormatError reason)
    {
        var request = (":method", "GET");
        var bytes = how switch
        {
            "bad preface" => Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n"),
            "frame over 16 KiB" => Client().Frame(0, 0, 1, new byte[16 * 1024 + 1]).Bytes,
            "HEADERS on stream 0" => Client().Headers(0, endStream: true, request).Bytes,
            "even stream" => Client().Headers(2, endStream: true, request).Bytes,
            "DATA before HEADERS" => Client().Data(1, "x", endStream: true).Bytes,
            "HPACK index past the tables" => Client().Frame(1, 0x5, 1, [0xFE]).Bytes,
            "Huffman EOS" => Client().Frame(1, 0x5, 1, [0x00, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]).Bytes,
            "upper-case field name" => Client().Headers(1, endStream: true, request, (":scheme", "http"), (":path", "/"), ("X-Upper", "1")).Bytes,
            "connection field" => Client().Headers(1, endStream: true, request, (":scheme", "http"), (":path", "/"), ("connection", "close")).Bytes,
            "SETTINGS of 5 bytes" => Client().Frame(4, 0, 0, new byte[5]).Bytes,
            "WINDOW_UPDATE by 0" => Client().Frame(8, 0, 0, new byte[4]).Bytes,
            "window past 2^31-1" => Client().Frame(8, 0, 0, [0x7F, 0xFF, 0xFF, 0xFF]).Bytes,
            "PUSH_PROMISE from the client" => Client().Frame(5, 0x4, 1, new byte[4]).Bytes,
            _ => Client().Frame(1, 0x0, 1, Literal(":method", "GET")).Frame(6, 0, 0, new byte[8]).Bytes,
        };

        foreach (var pieceSize in new[] { bytes.Length, 1, 7 })
        {
            var error = Assert.Throws<HttpFormatException>(() => ReadAll(bytes, pieceSize));
            Assert.Equal(reason, error.Reason);
            Assert.StartsWith("Mocket received a malformed HTTP/2 connection: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_client_that_breaks_the_protocol_gets_GOAWAY_with_the_code_and_the_scope_keeps_the_error()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://api.test/", "ok");
        using var stream = Mocket.Connect("api.test", 80);

        var bytes = Client().Headers(2, endStream: true, (":method", "GET"), (":scheme", "http"), (":path", "/")).Bytes;
        stream.Write(bytes);
        var frames = ReadFrames(stream);

        var goAway = Assert.Single(frames, f => f.Type == 7);
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(goAway.Payload.AsSpan(4)));
        Assert.Contains("client streams have odd numbers", Encoding.UTF8.GetString(goAway.Payload.AsSpan(8)), StringComparison.Ordinal);
        var error = Assert.IsType<HttpFormatException>(Assert.Single(scope.Errors));
        Assert.Equal(HttpFormatError.Http2ProtocolError, error.Reason);
    }

    [Fact]
    public void Hpack_decodes_a_literal_sent_again_to_the_same_string_once()
    {
        var hpack = new Hpack(maxHeaderListLength: 64 * 1024);

        // :path (static name 4) with a literal value, not indexed, as .NET's encoder sends it with every request; then the
        // same authority raw and Huffman-coded (RFC 7541 C.3.1 and C.4.1); then a value too long to keep.
        var longValue = new string('v', 300);
        byte[] block =
        [
            0x04, 0x04, .. "/a/b"u8, 0x01, 0x0F, .. "www.example.com"u8, 0x01, .. Hex("8cf1e3c2e5f23a6ba0ab90f4ff"),
            0x00, 0x06, .. "x-long"u8, 0x7F, 0xAD, 0x01, .. Encoding.ASCII.GetBytes(longValue),
        ];
        var first = hpack.Decode(block);
        var second = hpack.Decode(block);

        Assert.Equal(new[] { (":path", "/a/b"), (":authority", "www.example.com"), (":authority", "www.example.com"), ("x-long", longValue) }, Pairs(second));
        Assert.Equal(Pairs(first), Pairs(second));
        Assert.Same(first[0].Value, second[0].Value);
        Assert.Same(first[1].Value, second[1].Value);
        Assert.Same(first[2].Value, second[2].Value);
        Assert.Same(first[3].Key, second[3].Key);
        Assert.NotSame(first[3].Value, second[3].Value);
    }

    private static List<Http2Stream> ReadAll(byte[] bytes, int pieceSize)
    {
        var connection = new Http2Connection(HttpMockLimits.Default);
        var requests = new List<Http2Stream>();
        var buffer = new ArrayBufferWriter<byte>();
        var consumed = 0;
        for (var offset = 0; offset < bytes.Length; offset += pieceSize)
        {
            buffer.Write(bytes.AsSpan(offset, Math.Min(pieceSize, bytes.Length - offset)));
            while (true)
            {
                var readable = new ReadOnlySequence<byte>(buffer.WrittenMemory[consumed..]);
                var before = readable.Length;
                if (!connection.TryRead(ref readable, out var request))
                {
                    break;
                }

                consumed += (int)(before - readable.Length);
                requests.Add(request);
            }
        }

        return requests;
    }

    private static string Describe(List<Http2Stream> requests)
    {
        var request = Assert.Single(requests);
        var host = request.Fields!.Single(f => f.Key == "host").Value;
        return $"{request.Method} {request.Target} {Encoding.UTF8.GetString(request.Body!.WrittenSpan)} host={host}";
    }

    private static List<(byte Type, byte[] Payload)> ReadFrames(Stream stream)
    {
        var frames = new List<(byte, byte[])>();
        var header = new byte[9];
        while (ReadExactly(stream, header))
        {
            var payload = new byte[(header[0] << 16) | (header[1] << 8) | header[2]];
            if (!ReadExactly(stream, payload))
            {
                break;
            }

            frames.Add((header[3], payload));
        }

        return frames;
    }

    private static bool ReadExactly(Stream stream, byte[] buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return false;
        }
    }

    private static IEnumerable<(string, string)> Pairs(List<KeyValuePair<string, string>> fields) => fields.Select(f => (f.Key, f.Value));

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    /// <summary>A literal field without indexing, with a new name, no Huffman.</summary>
    private static byte[] Literal(string name, string value) =>
        [0x00, (byte)name.Length, .. Encoding.ASCII.GetBytes(name), (byte)value.Length, .. Encoding.ASCII.GetBytes(value)];

    private static FrameWriter Client() => new FrameWriter().Preface();

    private sealed class FrameWriter
    {
        private readonly List<byte> _bytes = [];

        public byte[] Bytes => [.. _bytes];

        public FrameWriter Preface()
        {
            _bytes.AddRange(Http2Connection.Preface.ToArray());
            return this;
        }

        public FrameWriter Settings() => Frame(4, 0, 0, []);

        public FrameWriter Headers(int stream, bool endStream, params (string Name, string Value)[] fields) =>
            Frame(1, (byte)(0x4 | (endStream ? 0x1 : 0)), stream, [.. fields.SelectMany(f => Literal(f.Name, f.Value))]);

        public FrameWriter Data(int stream, string text, bool endStream) => Frame(0, (byte)(endStream ? 0x1 : 0), stream, Encoding.ASCII.GetBytes(text));

        public FrameWriter Frame(byte type, byte flags, int stream, byte[] payload)
        {
            _bytes.AddRange([(byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, type, flags]);
            var id = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(id, stream);
            _bytes.AddRange(id);
            _bytes.AddRange(payload);
            return this;
        }
    }
}
