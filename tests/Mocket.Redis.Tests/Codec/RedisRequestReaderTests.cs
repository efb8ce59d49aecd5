using MocketNet.Tests.Shared;
using System.Buffers;
using System.Text;
using MocketNet.Redis.Codec;
using MocketNet.Redis.Tests.Support;

namespace MocketNet.Redis.Tests.Codec;

public class RedisRequestReaderTests
{
    private static readonly MocketLocation s_location = new("localhost", 6379);

    private static List<RedisMockRequest> ReadAll(ref ReadOnlySequence<byte> buffer)
    {
        var requests = new List<RedisMockRequest>();
        while (RedisRequestReader.TryRead(ref buffer, s_location, out var request))
        {
            requests.Add(request);
        }

        return requests;
    }

    [Fact]
    public void Pipelined_commands_are_cut_one_by_one_at_every_split_point()
    {
        var wire = Encoding.UTF8.GetBytes("*2\r\n$3\r\nget\r\n$3\r\nfoo\r\n*3\r\n$3\r\nSET\r\n$7\r\nsnowman\r\n$7\r\nis ☃!\r\nPING\r\n");
        for (var cut = 0; cut <= wire.Length; cut++)
        {
            // First only the bytes before the cut are there, then the rest arrives.
            var first = new ReadOnlySequence<byte>(wire[..cut]);
            var early = ReadAll(ref first);
            var rest = Segments.Split([.. first.ToArray(), .. wire[cut..]], (int)first.Length);
            var requests = early.Concat(ReadAll(ref rest)).ToList();

            Assert.True(rest.IsEmpty, $"split at {cut}");
            Assert.Equal(["GET", "SET", "PING"], requests.Select(r => r.Command));
            Assert.Equal("*2\r\n$3\r\nget\r\n$3\r\nfoo\r\n", Encoding.UTF8.GetString(requests[0].Data.Span));
            Assert.Equal("is ☃!", Encoding.UTF8.GetString(requests[1].Arguments[1]));
            Assert.Equal("PING\r\n", Encoding.UTF8.GetString(requests[2].Data.Span));
        }
    }

    [Theory]
    [InlineData("*2\r\n$3\r\nget\r\n$3\r\nfoo\r\n")]
    [InlineData("*1\r\n$4\r\nPING\r\n")]
    [InlineData("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$9\r\n\r\n$ *\r\n\u00e9\r\n")]
    [InlineData("*2\r\n$5\r\nxfrob\r\n$1\r\nx\r\n")]
    [InlineData("*2\r\n$20\r\nAVERYLONGVERBINDEED!\r\n$1\r\nx\r\n")]
    [InlineData("*1\r\n$4\r\nG\u00c9T\r\n")]
    [InlineData("*01\r\n$04\r\nPING\r\n")]
    public void A_command_in_one_span_reads_as_it_does_across_segments(string text)
    {
        // Single-segment input takes a span fast path; the segmented reader is the reference.
        var wire = Encoding.UTF8.GetBytes(text);
        var whole = new ReadOnlySequence<byte>(wire);
        var segmented = Segments.Split(wire, [.. Enumerable.Range(1, wire.Length - 1)]);

        Assert.True(RedisRequestReader.TryRead(ref whole, s_location, out var fast));
        Assert.True(RedisRequestReader.TryRead(ref segmented, s_location, out var reference));

        Assert.True(whole.IsEmpty && segmented.IsEmpty);
        Assert.Equal(reference.Command, fast.Command);
        Assert.Equal(reference.Data.ToArray(), fast.Data.ToArray());
        Assert.Equal(reference.Arguments, fast.Arguments);
    }

    [Fact]
    public void Arguments_are_binary_safe()
    {
        byte[] payload = [0, 13, 10, 255, (byte)'$'];
        var wire = Encoding.ASCII.GetBytes("*2\r\n$4\r\nECHO\r\n$5\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();
        var buffer = new ReadOnlySequence<byte>(wire);

        Assert.True(RedisRequestReader.TryRead(ref buffer, s_location, out var request));

        Assert.Equal(payload, request.Arguments[0]);
        Assert.Equal(wire, request.Data.ToArray());
    }

    [Fact]
    public void Inline_commands_split_on_spaces_and_honour_quotes()
    {
        var buffer = new ReadOnlySequence<byte>("set greeting \"hello world\"\r\n\r\nget greeting\n"u8.ToArray());

        var requests = ReadAll(ref buffer);

        Assert.Equal(["SET", "GET"], requests.Select(r => r.Command));
        Assert.Equal("hello world", requests[0].ArgumentsText[1]);
        Assert.Equal("SET greeting \"hello world\"", requests[0].Text);
    }

    [Theory]
    [InlineData("*1\r\n:1\r\n", "expected '$'")]
    [InlineData("*x\r\n", "not a decimal integer")]
    [InlineData("*1\r\n$-1\r\n", "out of range")]
    [InlineData("*1\r\n$3\r\nGETX\r\n", "not followed by CRLF")]
    [InlineData("*1\n", "bare LF")]
    [InlineData("set k \"open\r\n", "unbalanced quotes")]
    public void Malformed_commands_throw_a_typed_error(string wire, string problem)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire));

        var error = Assert.Throws<RespFormatException>(() => RedisRequestReader.TryRead(ref buffer, s_location, out _));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
