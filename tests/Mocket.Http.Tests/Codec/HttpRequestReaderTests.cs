using System.Buffers;
using System.Text;
using MocketNet.Http.Codec;
using MocketNet.Tests.Shared;

namespace MocketNet.Http.Tests.Codec;

public class HttpRequestReaderTests
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
    public void A_request_arriving_byte_by_byte_is_cut_once_whole_and_nothing_is_consumed_before(string text, string method, string target, string body)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var reader = new HttpRequestReader();
        for (var length = 0; length < bytes.Length; length++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.False(reader.TryRead(ref partial, out _), $"parsed from {length} of {bytes.Length} bytes");
            Assert.Equal(length, partial.Length);
        }

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.True(reader.TryRead(ref whole, out var request));
        AssertRequest(request, method, target, body);
        Assert.Equal(0, whole.Length);
    }

    [Theory]
    [MemberData(nameof(WholeRequests))]
    public void A_request_split_into_segments_at_any_two_points_reads_as_in_one_piece(string text, string method, string target, string body)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var first = 0; first <= bytes.Length; first++)
        {
            for (var second = first; second <= bytes.Length; second++)
            {
                var whole = Segments.Split(bytes, first, second);
                Assert.True(new HttpRequestReader().TryRead(ref whole, out var request), $"split at {first} and {second}");
                AssertRequest(request, method, target, body);
                Assert.Equal(0, whole.Length);
            }
        }
    }

    [Fact]
    public void Trailer_fields_follow_the_header_fields()
    {
        var buffer = new ReadOnlySequence<byte>("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Checksum: 42\r\n\r\n"u8.ToArray());

        Assert.True(new HttpRequestReader().TryRead(ref buffer, out var request));

        Assert.Equal(new KeyValuePair<string, string>("X-Checksum", "42"), request.Headers[^1]);
    }

    [Fact]
    public void Pipelined_requests_are_cut_one_at_a_time()
    {
        var buffer = new ReadOnlySequence<byte>("GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 1\r\n\r\nxGET /3 HTTP/1.1\r\n"u8.ToArray());
        var reader = new HttpRequestReader();

        Assert.True(reader.TryRead(ref buffer, out var first));
        Assert.True(reader.TryRead(ref buffer, out var second));
        Assert.False(reader.TryRead(ref buffer, out _));

        Assert.Equal("/1", first.Target);
        Assert.Equal("x", Encoding.ASCII.GetString(second.Body));
        Assert.Equal("GET /3 HTTP/1.1\r\n", Encoding.ASCII.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Awaiting_continue_once_the_head_is_complete_and_the_body_is_not_and_no_longer_after()
    {
        var bytes = "PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"u8.ToArray();
        var reader = new HttpRequestReader();

        var head = new ReadOnlySequence<byte>(bytes, 0, bytes.Length - 4);
        Assert.False(reader.TryRead(ref head, out _));
        Assert.False(reader.AwaitingContinue);

        var partialBody = new ReadOnlySequence<byte>(bytes, 0, bytes.Length - 2);
        Assert.False(reader.TryRead(ref partialBody, out _));
        Assert.True(reader.AwaitingContinue);

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.True(reader.TryRead(ref whole, out _));
        Assert.False(reader.AwaitingContinue);
    }

    [Theory]
    [InlineData("GET /\r\n\r\n", HttpFormatError.InvalidRequestLine, "not a request line")]
    [InlineData("GET / HTTP/2.0\r\n\r\n", HttpFormatError.UnsupportedVersion, "not HTTP/1.1")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n", HttpFormatError.InvalidMethod, "method")]
    [InlineData("GET /a b HTTP/1.1\r\n\r\n", HttpFormatError.InvalidRequestLine, "not a request line")]
    [InlineData("GET /\u00e9 HTTP/1.1\r\n\r\n", HttpFormatError.InvalidTarget, "non-ASCII")]
    [InlineData("GET / HTTP/1.1\r\nNoColon\r\n\r\n", HttpFormatError.InvalidHeaderLine, "no field name")]
    [InlineData("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", HttpFormatError.InvalidHeaderName, "not allowed")]
    [InlineData("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", HttpFormatError.InvalidHeaderValue, "control character")]
    [InlineData("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", HttpFormatError.InvalidHeaderValue, "control character")]
    [InlineData("GET / HTTP/1.1\nHost: a\n\n", HttpFormatError.BareLineFeed, "bare LF")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", HttpFormatError.InvalidContentLength, "Content-Length")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", HttpFormatError.ConflictingContentLength, "two different Content-Length")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", HttpFormatError.TransferEncodingWithContentLength, "both")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", HttpFormatError.UnsupportedTransferEncoding, "does not end in chunked")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", HttpFormatError.InvalidChunkSize, "chunk size")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", HttpFormatError.UnterminatedChunk, "not followed by CRLF")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n", HttpFormatError.BareLineFeed, "bare LF")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\0\r\n\r\n", HttpFormatError.InvalidHeaderValue, "control character")]
    public void Malformed_requests_are_rejected_with_a_typed_reason_and_what_was_wrong(string text, HttpFormatError reason, string words)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text));

        var error = Assert.Throws<HttpFormatException>(() => new HttpRequestReader().TryRead(ref buffer, out _));

        Assert.Equal(reason, error.Reason);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Contains("400 Bad Request", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("G(T / HTTP/1.1\r\n", HttpFormatError.InvalidMethod)]
    [InlineData("GET / HTTP/1.1\r\nBad Name: x\r\n", HttpFormatError.InvalidHeaderName)]
    [InlineData("GET / HTTP/1.1\n", HttpFormatError.BareLineFeed)]
    public void A_malformed_line_is_rejected_as_soon_as_it_ends_not_when_the_head_does(string text, HttpFormatError reason)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.Equal(reason, Assert.Throws<HttpFormatException>(() => new HttpRequestReader().TryRead(ref buffer, out _)).Reason);
    }

    [Theory]
    [InlineData("GET /{0} HTTP/1.1\r\n\r\n", 9_000, HttpFormatError.RequestLineTooLong, 414)]
    [InlineData("GET /{0}", 9_000, HttpFormatError.RequestLineTooLong, 414)]
    [InlineData("GET / HTTP/1.1\r\nX: {0}\r\n\r\n", 33_000, HttpFormatError.HeadersTooLarge, 431)]
    [InlineData("GET / HTTP/1.1\r\nX: {0}", 33_000, HttpFormatError.HeadersTooLarge, 431)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 30000001\r\n\r\n{0}", 0, HttpFormatError.BodyTooLarge, 413)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1c9c381\r\n{0}", 10, HttpFormatError.BodyTooLarge, 413)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;{0}", 9_000, HttpFormatError.LineTooLong, 400)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;{0}\r\nx\r\n0\r\n\r\n", 9_000, HttpFormatError.LineTooLong, 400)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trailer: {0}\r\n\r\n", 9_000, HttpFormatError.LineTooLong, 400)]
    public void A_request_over_a_limit_is_rejected_at_once_with_Kestrel_s_status_and_the_limit_named(string template, int filler, HttpFormatError reason, int status)
    {
        // Several templates never end: the reader must not wait for the rest.
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, new string('a', filler))));

        var error = Assert.Throws<HttpFormatException>(() => new HttpRequestReader().TryRead(ref buffer, out _));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(status, error.Status);
        if (status != 400)
        {
            Assert.Contains("MockHttp.SetLimits(new HttpMockLimits {", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void More_header_fields_than_the_limit_is_a_431_and_a_raised_limit_accepts_them()
    {
        var text = "GET / HTTP/1.1\r\n" + string.Concat(Enumerable.Range(0, 101).Select(i => $"X-{i}: v\r\n")) + "\r\n";
        var tooMany = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        var raised = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        var error = Assert.Throws<HttpFormatException>(() => new HttpRequestReader().TryRead(ref tooMany, out _));
        Assert.True(new HttpRequestReader(HttpMockLimits.Default with { MaxHeaderCount = 200 }).TryRead(ref raised, out var request));

        Assert.Equal((HttpFormatError.TooManyHeaders, 431), (error.Reason, error.Status));
        Assert.Contains("MaxHeaderCount = ...", error.Message, StringComparison.Ordinal);
        Assert.Equal(101, request.Headers.Count);
    }

    [Fact]
    public void A_head_arriving_byte_by_byte_is_examined_once_not_rescanned_per_byte()
    {
        // 2,000 header lines, ~60 KB (over the default limits, so raised): the old parser searched the whole head again on
        // every byte (about 1.8 GB examined).
        var head = "GET / HTTP/1.1\r\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"X-Field-{i}: value-{i}\r\n")) + "\r\n";
        var bytes = Encoding.ASCII.GetBytes(head);
        var reader = new HttpRequestReader(HttpMockLimits.Default with { MaxHeaderCount = 5_000, MaxHeadersLength = 1024 * 1024 });

        ParsedHttpRequest? request = null;
        for (var length = 1; length <= bytes.Length && request is null; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            reader.TryRead(ref buffer, out request);
        }

        Assert.Equal(2000, request!.Headers.Count);
        Assert.InRange(reader.Examined, bytes.Length, bytes.Length * 2L);
    }

    [Fact]
    public void A_large_chunked_body_arriving_in_small_segments_is_examined_once()
    {
        var chunk = new string('x', 1000);
        var text = "POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + string.Concat(Enumerable.Repeat($"3e8\r\n{chunk}\r\n", 500)) + "0\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(text);
        var reader = new HttpRequestReader();

        ParsedHttpRequest? request = null;
        for (var length = 0; request is null; length = Math.Min(length + 512, bytes.Length))
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            reader.TryRead(ref buffer, out request);
        }

        Assert.Equal(500_000, request.Body.Length);
        Assert.InRange(reader.Examined, bytes.Length, bytes.Length * 2L);
    }

    private static void AssertRequest(ParsedHttpRequest? request, string method, string target, string body)
    {
        Assert.NotNull(request);
        Assert.Equal(method, request.Method);
        Assert.Equal(target, request.Target);
        Assert.Equal(body, Encoding.ASCII.GetString(request.Body));
    }
}
