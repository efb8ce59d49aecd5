using MocketNet.Tests.Shared;
using System.Buffers;
using System.Text;
using MocketNet.Http.Parsing;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests.Parsing;

public class HttpRequestParserTests
{
    public static TheoryData<string, string, string, string> WholeRequests => new()
    {
        { "GET /p?q=1 HTTP/1.1\r\nHost: a.test\r\n\r\n", "GET", "/p?q=1", "" },
        { "POST /form HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\n\r\nhello", "POST", "/form", "hello" },
        { "POST /c HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n", "POST", "/c", "hello world" },
        { "GET http://a.test:8080/abs HTTP/1.0\r\n\r\n", "GET", "http://a.test:8080/abs", "" },
        { "PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc", "PUT", "/e", "abc" },
    };

    [Theory]
    [MemberData(nameof(WholeRequests))]
    public void A_request_is_cut_whole_at_every_split_point_and_nothing_is_consumed_before(string text, string method, string target, string body)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var length = 0; length < bytes.Length; length++)
        {
            for (var split = 0; split <= length; split++)
            {
                var partial = Segments.Split(bytes[..length], split);
                var before = partial;
                Assert.False(HttpRequestParser.TryParse(ref partial, out _, out _), $"parsed from {length} of {bytes.Length} bytes");
                Assert.Equal(before.Length, partial.Length);
            }
        }

        for (var split = 0; split <= bytes.Length; split++)
        {
            var whole = Segments.Split(bytes, split);
            Assert.True(HttpRequestParser.TryParse(ref whole, out var request, out _));
            Assert.Equal(0, whole.Length);
            Assert.Equal(method, request!.Method);
            Assert.Equal(target, request.Target);
            Assert.Equal(body, Encoding.ASCII.GetString(request.Body));
        }
    }

    [Fact]
    public void Trailer_fields_follow_the_header_fields()
    {
        var buffer = new ReadOnlySequence<byte>("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Checksum: 42\r\n\r\n"u8.ToArray());

        Assert.True(HttpRequestParser.TryParse(ref buffer, out var request, out _));

        Assert.Equal(new KeyValuePair<string, string>("X-Checksum", "42"), request!.Headers[^1]);
    }

    [Fact]
    public void Pipelined_requests_are_cut_one_at_a_time()
    {
        var buffer = new ReadOnlySequence<byte>("GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 1\r\n\r\nxGET /3 HTTP/1.1\r\n"u8.ToArray());

        Assert.True(HttpRequestParser.TryParse(ref buffer, out var first, out _));
        Assert.True(HttpRequestParser.TryParse(ref buffer, out var second, out _));
        Assert.False(HttpRequestParser.TryParse(ref buffer, out _, out _));

        Assert.Equal("/1", first!.Target);
        Assert.Equal("x", Encoding.ASCII.GetString(second!.Body));
        Assert.Equal("GET /3 HTTP/1.1\r\n", Encoding.ASCII.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Expect_100_continue_is_reported_once_the_head_is_complete_and_the_body_is_not()
    {
        var bytes = "PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\na"u8.ToArray();
        var headOnly = new ReadOnlySequence<byte>(bytes[..^3]);
        var partialBody = new ReadOnlySequence<byte>(bytes);

        Assert.False(HttpRequestParser.TryParse(ref headOnly, out _, out var headExpects));
        Assert.False(HttpRequestParser.TryParse(ref partialBody, out _, out var bodyExpects));

        Assert.False(headExpects);
        Assert.True(bodyExpects);
    }

    [Theory]
    [InlineData("GET /\r\n\r\n", "not a request line")]
    [InlineData("GET / HTTP/2.0\r\n\r\n", "not HTTP/1.1")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n", "method")]
    [InlineData("GET /a b HTTP/1.1\r\n\r\n", "not a request line")]
    [InlineData("GET /\u00e9 HTTP/1.1\r\n\r\n", "non-ASCII")]
    [InlineData("GET / HTTP/1.1\r\nNoColon\r\n\r\n", "no field name")]
    [InlineData("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", "not allowed")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "Content-Length")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "two different Content-Length")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "both")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "does not end in chunked")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunk size")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "not followed by CRLF")]
    public void Malformed_requests_are_rejected_with_what_was_wrong(string text, string reason)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text));

        var error = Assert.Throws<MocketProtocolException>(() => HttpRequestParser.TryParse(ref buffer, out _, out _));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("400 Bad Request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_that_never_ends_is_rejected_instead_of_buffered_forever()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX: " + new string('a', HttpRequestParser.MaxHeadLength)));

        Assert.Throws<MocketProtocolException>(() => HttpRequestParser.TryParse(ref buffer, out _, out _));
    }
}
