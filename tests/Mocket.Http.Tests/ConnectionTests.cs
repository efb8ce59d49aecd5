using System.Net;
using System.Text;

namespace MocketNet.Http.Tests;

/// <summary>HTTP/1.1 on one connection: keep-alive, pipelining, 100-continue, chunked bodies, HEAD, malformed input.</summary>
public class ConnectionTests
{
    [Fact]
    public async Task A_malformed_request_gets_a_400_and_a_recorded_protocol_error_and_the_connection_ends()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://bad.test/", body: "never");
        await using var connection = Mocket.Connect("bad.test", 80);

        await connection.WriteAsync("GET / HTTP/9.9\r\n\r\n"u8.ToArray());
        var reply = await ReadToEndAsync(connection);

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", reply, StringComparison.Ordinal);
        Assert.Contains("HTTP/9.9", reply, StringComparison.Ordinal);
        var error = Assert.IsType<HttpFormatException>(Assert.Single(scope.Errors));
        Assert.Equal(HttpFormatError.UnsupportedVersion, error.Reason);
        Assert.Contains("not HTTP/1.1", error.Message, StringComparison.Ordinal);
        Assert.Empty(scope.Requests);
    }

    [Fact]
    public async Task Lines_ended_by_a_bare_LF_get_a_400_at_once_instead_of_a_wait_for_more_bytes()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://bad.test/", body: "never");
        await using var connection = Mocket.Connect("bad.test", 80);

        await connection.WriteAsync("GET / HTTP/1.1\nHost: bad.test\n\n"u8.ToArray());
        var reply = await ReadToEndAsync(connection).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", reply, StringComparison.Ordinal);
        Assert.Contains("bare LF", reply, StringComparison.Ordinal);
        Assert.Equal(HttpFormatError.BareLineFeed, Assert.IsType<HttpFormatException>(Assert.Single(scope.Errors)).Reason);
    }

    [Fact]
    public async Task A_request_line_over_the_limit_gets_Kestrel_s_414_and_a_raised_limit_serves_it()
    {
        using var scope = Mocket.Enable();
        var path = "/" + new string('a', 9_000);
        MockHttp.Register("GET", "http://long.test" + path, "served");
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: long.test\r\nConnection: close\r\n\r\n");

        await using (var refused = Mocket.Connect("long.test", 80))
        {
            await refused.WriteAsync(request);
            Assert.StartsWith("HTTP/1.1 414 URI Too Long\r\n", await ReadToEndAsync(refused), StringComparison.Ordinal);
        }

        MockHttp.SetLimits(HttpMockLimits.Default with { MaxRequestLineLength = 16 * 1024 });
        await using var served = Mocket.Connect("long.test", 80);
        await served.WriteAsync(request);

        Assert.EndsWith("served", await ReadToEndAsync(served), StringComparison.Ordinal);
        Assert.Equal(HttpFormatError.RequestLineTooLong, Assert.IsType<HttpFormatException>(Assert.Single(scope.Errors)).Reason);
    }

    [Fact]
    public async Task Over_a_loopback_listener_a_malformed_request_still_gets_its_400_before_the_connection_ends()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://bad.test/", body: "never");
        var reply = await ExchangeOverListenerAsync(scope, "bad.test", "BROKEN\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", reply, StringComparison.Ordinal);
        Assert.Equal(HttpFormatError.InvalidRequestLine, Assert.IsType<HttpFormatException>(Assert.Single(scope.Errors)).Reason);
    }

    [Fact]
    public async Task Over_a_loopback_listener_connection_close_is_honoured_after_the_response()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://close.test/", body: "bye");
        var reply = await ExchangeOverListenerAsync(scope, "close.test", "GET / HTTP/1.1\r\nHost: close.test\r\nConnection: close\r\n\r\n");

        Assert.EndsWith("\r\n\r\nbye", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelined_requests_in_one_write_get_their_responses_in_order()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://pipe.test/1", body: "one");
        MockHttp.SingleRegister("POST", "http://pipe.test/2", body: "two");
        await using var connection = Mocket.Connect("pipe.test", 80);

        await connection.WriteAsync("GET /1 HTTP/1.1\r\nHost: pipe.test\r\n\r\nPOST /2 HTTP/1.1\r\nHost: pipe.test\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"u8.ToArray());
        var reply = await ReadToEndAsync(connection);

        Assert.True(reply.IndexOf("one", StringComparison.Ordinal) < reply.IndexOf("two", StringComparison.Ordinal));
        Assert.Equal(2, CountOccurrences(reply, "HTTP/1.1 200 OK"));
        Assert.Equal("abc", Assert.IsType<HttpMockRequest>(scope.LastRequest).BodyText);
    }

    [Fact]
    public async Task Expect_100_continue_is_answered_before_the_body_is_sent()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("PUT", "http://expect.test/upload", body: "stored");
        await using var connection = Mocket.Connect("expect.test", 80);

        await connection.WriteAsync("PUT /upload HTTP/1.1\r\nHost: expect.test\r\nExpect: 100-continue\r\nContent-Length: 4\r\nConnection: close\r\n\r\n"u8.ToArray());
        var interim = await ReadAsync(connection, "HTTP/1.1 100 Continue\r\n\r\n".Length);
        await connection.WriteAsync("data"u8.ToArray());
        var reply = await ReadToEndAsync(connection);

        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n", interim);
        Assert.EndsWith("stored", reply, StringComparison.Ordinal);
        Assert.Equal("data", Assert.IsType<HttpMockRequest>(scope.LastRequest).BodyText);
    }

    [Fact]
    public async Task HttpClient_reuses_one_keep_alive_connection_and_sends_chunked_bodies_that_arrive_dechunked()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("POST", "http://keep.test/", body: "ok");
        var connects = 0;
        using var handler = new SocketsHttpHandler
        {
            ActivityHeadersPropagator = null,
            ConnectCallback = (context, _) =>
            {
                Interlocked.Increment(ref connects);
                return ValueTask.FromResult(scope.Connect(context.DnsEndPoint.Host, context.DnsEndPoint.Port));
            },
        };
        using var client = new HttpClient(handler);

        for (var i = 0; i < 3; i++)
        {
            using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes($"chunked body {i}")));
            using var response = await client.PostAsync(new Uri("http://keep.test/"), content);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
            var request = Assert.IsType<HttpMockRequest>(scope.LastRequest);
            Assert.Equal("chunked", request.Headers["Transfer-Encoding"]);
            Assert.Equal($"chunked body {i}", request.BodyText);
        }

        Assert.Equal(1, connects);
    }

    [Fact]
    public async Task A_head_request_gets_the_headers_without_the_body()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("HEAD", "http://head.test/file", body: "twelve bytes");
        using var client = MockHttp.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("http://head.test/file")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Sends bytes to a scope's loopback listener for host:80 over a real socket and reads until the server closes.</summary>
    private static async Task<string> ExchangeOverListenerAsync(MocketScope scope, string host, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(scope.Listen(host, 80));
        await using var connection = tcp.GetStream();
        await connection.WriteAsync(Encoding.ASCII.GetBytes(request));
        return await ReadToEndAsync(connection);
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return Encoding.UTF8.GetString(copy.ToArray());
    }

    private static async Task<string> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return Encoding.ASCII.GetString(buffer);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
