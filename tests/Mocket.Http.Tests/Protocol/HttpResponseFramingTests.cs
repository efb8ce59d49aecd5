using System.Buffers;
using System.Text;
using MocketNet.Http.Protocol;
using MocketNet.Tests.Shared;

namespace MocketNet.Http.Tests.Protocol;

public class HttpResponseFramingTests
{
    public static TheoryData<string, bool> WholeReplies => new()
    {
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n", false },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 42\r\n\r\n", false },
        { "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", false },
        { "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", false },
        { "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", false },
        { "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", true },
        { "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false },
    };

    [Theory]
    [MemberData(nameof(WholeReplies))]
    public void A_reply_is_cut_whole_at_every_split_point_and_nothing_is_consumed_before(string text, bool head)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var length = 0; length < bytes.Length; length++)
        {
            for (var split = 0; split <= length; split++)
            {
                var partial = Segments.Split(bytes[..length], split);
                Assert.False(HttpResponseFraming.TryCut(ref partial, completed: false, head, out _, out _), $"cut from {length} of {bytes.Length} bytes");
                Assert.Equal(length, partial.Length);
            }
        }

        var next = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"u8.ToArray();
        for (var split = 0; split <= bytes.Length; split++)
        {
            var buffer = Segments.Split([.. bytes, .. next], split, bytes.Length + 3);
            Assert.True(HttpResponseFraming.TryCut(ref buffer, completed: false, head, out var reply, out var untilClose));
            Assert.Equal(text, Encoding.ASCII.GetString(reply.ToArray()));
            Assert.False(untilClose);
            Assert.Equal(next, buffer.ToArray());
        }
    }

    [Fact]
    public void A_reply_without_framing_is_cut_only_when_the_server_closes_and_says_the_client_must_close_too()
    {
        var text = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.False(HttpResponseFraming.TryCut(ref buffer, completed: false, headRequest: false, out _, out _));
        Assert.True(HttpResponseFraming.TryCut(ref buffer, completed: true, headRequest: false, out var reply, out var untilClose));

        Assert.Equal(text, Encoding.ASCII.GetString(reply.ToArray()));
        Assert.True(untilClose);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void A_reply_cut_short_by_the_close_is_handed_on_as_it_is()
    {
        var buffer = new ReadOnlySequence<byte>("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"u8.ToArray());

        Assert.True(HttpResponseFraming.TryCut(ref buffer, completed: true, headRequest: false, out var reply, out _));

        Assert.EndsWith("abc", Encoding.ASCII.GetString(reply.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_left_after_the_close_is_no_reply()
    {
        var buffer = ReadOnlySequence<byte>.Empty;

        Assert.False(HttpResponseFraming.TryCut(ref buffer, completed: true, headRequest: false, out _, out _));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", HttpFormatError.InvalidChunkSize)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", HttpFormatError.ConflictingContentLength)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", HttpFormatError.InvalidContentLength)]
    public void Malformed_framing_is_a_protocol_error_that_says_it_is_the_response(string text, HttpFormatError reason)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        var error = Assert.Throws<HttpFormatException>(() => HttpResponseFraming.TryCut(ref buffer, completed: false, headRequest: false, out _, out _));

        Assert.Equal(reason, error.Reason);
        Assert.StartsWith("The HTTP response is malformed", error.Message, StringComparison.Ordinal);
    }
}
