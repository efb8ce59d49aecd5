using System.Buffers;
using System.Text;
using MocketNet.Redis.Codec;
using MocketNet.Redis.Tests.Support;
using MocketNet.Tests.Shared;

namespace MocketNet.Redis.Tests.Codec;

public class RedisCommandReaderTests
{
    private static readonly MocketLocation s_location = new("localhost", 6379);

    private static List<RedisMockRequest> ReadAll(RedisCommandReader reader, ref ReadOnlySequence<byte> buffer)
    {
        var requests = new List<RedisMockRequest>();
        while (reader.TryRead(ref buffer, out var request))
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
            // First only the bytes before the cut are there, then the rest arrives (the reader keeps its place).
            var reader = new RedisCommandReader(s_location);
            var first = new ReadOnlySequence<byte>(wire[..cut]);
            var early = ReadAll(reader, ref first);
            var rest = Segments.Split([.. first.ToArray(), .. wire[cut..]], (int)first.Length);
            var requests = early.Concat(ReadAll(reader, ref rest)).ToList();

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

        Assert.True(new RedisCommandReader(s_location).TryRead(ref whole, out var fast));
        Assert.True(new RedisCommandReader(s_location).TryRead(ref segmented, out var reference));

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

        Assert.True(new RedisCommandReader(s_location).TryRead(ref buffer, out var request));

        Assert.Equal(payload, request.Arguments[0]);
        Assert.Equal(wire, request.Data.ToArray());
    }

    [Fact]
    public void Inline_commands_split_on_spaces_and_honour_quotes()
    {
        var buffer = new ReadOnlySequence<byte>("set greeting \"hello world\"\r\n\r\nget greeting\n"u8.ToArray());

        var requests = ReadAll(new RedisCommandReader(s_location), ref buffer);

        Assert.Equal(["SET", "GET"], requests.Select(r => r.Command));
        Assert.Equal("hello world", requests[0].ArgumentsText[1]);
        Assert.Equal("SET greeting \"hello world\"", requests[0].Text);
    }

    [Theory]
    [InlineData("*1\r\n:1\r\n", RespFormatError.ExpectedBulkString, "expected '$'")]
    [InlineData("*x\r\n", RespFormatError.InvalidNumber, "not a decimal integer")]
    [InlineData("*1\r\n$-1\r\n", RespFormatError.LengthOutOfRange, "out of range")]
    [InlineData("*1\r\n$3\r\nGETX\r\n", RespFormatError.UnterminatedBulk, "not followed by CRLF")]
    [InlineData("*1\n", RespFormatError.BareLineFeed, "bare LF")]
    [InlineData("*2000000\r\n", RespFormatError.LengthOutOfRange, "RedisMockLimits.MaxArguments is 1048576")]
    [InlineData("set k \"open\r\n", RespFormatError.UnbalancedQuotes, "unbalanced quotes")]
    [InlineData("\u0016\u0003\u0001", RespFormatError.TlsHandshake, "TLS handshake")]
    public void Malformed_commands_throw_a_typed_error(string wire, RespFormatError reason, string problem)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire));

        var error = Assert.Throws<RespFormatException>(() => new RedisCommandReader(s_location).TryRead(ref buffer, out _));

        Assert.Equal(reason, error.Reason);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_command_arriving_in_small_segments_is_examined_once()
    {
        // MSET with 20,000 arguments (and one 256 KiB value) arriving 1 KiB at a time: a reader that started over on each
        // arrival would walk every argument before the cut again (about 200 MB examined).
        var arguments = Enumerable.Range(0, 20_000).Select(i => i == 10_000 ? new string('v', 256 * 1024) : "k" + i).Prepend("MSET").ToArray();
        var wire = Encoding.ASCII.GetBytes($"*{arguments.Length}\r\n" + string.Concat(arguments.Select(a => $"${a.Length}\r\n{a}\r\n")));
        var reader = new RedisCommandReader(s_location);
        RedisMockRequest? request = null;
        for (var length = 1024; request is null; length = Math.Min(length + 1024, wire.Length))
        {
            var buffer = Segments.Split(wire[..length], length - 1024);
            reader.TryRead(ref buffer, out request);
        }

        Assert.Equal(20_000, request.Arguments.Count);
        Assert.InRange(reader.Examined, wire.Length, wire.Length * 2L);
    }

    [Fact]
    public void Blank_lines_before_a_command_are_skipped_without_losing_the_reader_s_place()
    {
        var wire = "\r\n\r\n*1\r\n$4\r\nPING\r\n"u8.ToArray();
        var reader = new RedisCommandReader(s_location);

        var partial = new ReadOnlySequence<byte>(wire, 0, 8);
        Assert.False(reader.TryRead(ref partial, out _));
        Assert.Equal(8, partial.Length);
        var whole = new ReadOnlySequence<byte>(wire);
        Assert.True(reader.TryRead(ref whole, out var request));

        Assert.Equal("PING", request.Command);
        Assert.Equal("*1\r\n$4\r\nPING\r\n", Encoding.ASCII.GetString(request.Data.Span));
        Assert.True(whole.IsEmpty);
    }
}
