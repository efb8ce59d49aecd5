using System.Net;
using System.Text;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests.Http2;

/// <summary>
/// HTTP/2 through HttpClient's own HTTP/2 code: h2 over TLS (ALPN) and h2c with prior knowledge, through CreateClient()
/// and the global seam; HTTP/1.1 stays where the client asks for it.
/// </summary>
public class Http2Tests
{
    public static TheoryData<ClientKind, string> ClientsAndSchemes => new()
    {
        { ClientKind.Explicit, "https" },
        { ClientKind.Explicit, "http" },
        { ClientKind.Global, "https" },
        { ClientKind.Global, "http" },
    };

    [Theory]
    [MemberData(nameof(ClientsAndSchemes))]
    public async Task A_request_for_exactly_HTTP2_is_answered_over_HTTP2(ClientKind kind, string scheme)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", $"{scheme}://api.test/users/1", [HttpMockResponse.Json(new { id = 1 })]);
        using var client = Clients.Create(kind);

        using var response = await client.SendAsync(Http2Get($"{scheme}://api.test/users/1"));

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("{\"id\":1}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var request = Assert.IsType<HttpMockRequest>(Assert.Single(scope.Requests));
        Assert.Equal("HTTP/2", request.Version);
        Assert.Equal(scheme, request.Scheme);
        Assert.Equal("api.test", request.Headers["Host"]);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Https_with_version_2_or_lower_negotiates_h2_and_the_default_stays_HTTP11(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/", "hello");
        using var client = Clients.Create(kind);

        using var negotiated = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.test/") { Version = HttpVersion.Version20 });
        using var plain = await client.GetAsync(new Uri("https://api.test/"));

        Assert.Equal(HttpVersion.Version20, negotiated.Version);
        Assert.Equal(HttpVersion.Version11, plain.Version);
        Assert.Equal(["HTTP/2", "HTTP/1.1"], scope.Requests.Cast<HttpMockRequest>().Select(r => r.Version));
    }

    [Theory]
    [MemberData(nameof(ClientsAndSchemes))]
    public async Task Trailers_arrive_in_TrailingHeaders_over_HTTP2_and_over_HTTP11(ClientKind kind, string scheme)
    {
        using var scope = Mocket.Enable();
        var trailers = new Dictionary<string, string> { ["grpc-status"] = "0", ["x-checksum"] = "abc" };
        MockHttp.Register("GET", $"{scheme}://api.test/stream", new HttpMockResponse("payload").WithTrailers(trailers));
        using var client = Clients.Create(kind);

        foreach (var request in new[] { Http2Get($"{scheme}://api.test/stream"), new HttpRequestMessage(HttpMethod.Get, $"{scheme}://api.test/stream") })
        {
            using var response = await client.SendAsync(request);
            Assert.Equal("payload", await response.Content.ReadAsStringAsync());
            Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
            Assert.Equal("abc", Assert.Single(response.TrailingHeaders.GetValues("x-checksum")));
        }
    }

    [Fact]
    public async Task Concurrent_requests_share_one_HTTP2_connection()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/items/{id}", HttpMockResponse.From(r => new HttpMockResponse("item " + r.RouteValues["id"])));
        using var client = CountingClient(out var connections);
        client.DefaultRequestVersion = HttpVersion.Version20;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;

        var bodies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.GetStringAsync(new Uri($"https://api.test/items/{i}"))));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => "item " + i), bodies);
        Assert.Equal(1, connections());
    }

    [Fact]
    public async Task Large_bodies_flow_both_ways_within_the_flow_control_windows()
    {
        using var scope = Mocket.Enable();
        var big = new byte[3 * 1024 * 1024 + 7];
        new Random(17).NextBytes(big);
        MockHttp.Register("POST", "https://api.test/echo", HttpMockResponse.From(r => new HttpMockResponse(r.Body)));
        using var client = MockHttp.CreateClient();

        using var request = Http2Get("https://api.test/echo");
        request.Method = HttpMethod.Post;
        request.Content = new ByteArrayContent(big);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(big, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Request_headers_cookies_and_a_chunked_body_arrive_as_sent()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("PUT", "http://api.test/doc?draft=1", "saved", status: 201);
        using var client = MockHttp.CreateClient();
        using var request = Http2Get("http://api.test/doc?draft=1");
        request.Method = HttpMethod.Put;
        request.Headers.Add("X-Trace", "t-1");
        request.Headers.Add("Cookie", ["a=1", "b=2"]);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("body text")));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = Assert.IsType<HttpMockRequest>(Assert.Single(scope.Requests));
        Assert.Equal("t-1", sent.Headers["X-Trace"]);
        Assert.Equal("a=1; b=2", sent.Headers["cookie"]);
        Assert.Equal("body text", sent.BodyText);
        Assert.Equal("draft=1", sent.QueryString);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_strict_refusal_over_HTTP2_names_the_request(ClientKind kind)
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockHttp.Register("GET", "https://api.test/known", "ok");
        using var client = Clients.Create(kind);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Http2Get("https://api.test/unknown")));

        var refusal = Clients.FindInChain<StrictMocketException>(error);
        Assert.NotNull(refusal);
        Assert.Contains("GET /unknown HTTP/2", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("did not match: path: expected '/known', got '/unknown'", refusal.Message, StringComparison.Ordinal);
        Assert.Single(scope.Close(throwOnViolations: false));
    }

    [Fact]
    public async Task A_reset_fault_resets_only_its_stream_and_the_connection_serves_on()
    {
        using var scope = Mocket.Enable();
        var ok = new HttpMockResponse("ok");
        MockHttp.Register("GET", "https://api.test/flaky", [ok.WithFault(MocketFault.Reset()), ok]);
        using var client = CountingClient(out var connections);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Http2Get("https://api.test/flaky")));
        using var next = await client.SendAsync(Http2Get("https://api.test/flaky"));

        Assert.Equal(HttpRequestError.HttpProtocolError, error.HttpRequestError);
        Assert.Contains("INTERNAL_ERROR", Clients.FindInChain<HttpProtocolException>(error)?.Message ?? error.ToString(), StringComparison.Ordinal);
        Assert.Equal("ok", await next.Content.ReadAsStringAsync());
        Assert.Equal(1, connections());
    }

    [Theory]
    [MemberData(nameof(ClientsAndSchemes))]
    public async Task A_slow_reply_holds_back_no_other_stream_on_the_connection(ClientKind kind, string scheme)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", $"{scheme}://api.test/slow", new HttpMockResponse("slow").WithDelay(TimeSpan.FromSeconds(2)));
        MockHttp.Register("GET", $"{scheme}://api.test/fast", "fast");
        using var client = Clients.Create(kind);
        using (await client.SendAsync(Http2Get($"{scheme}://api.test/fast")))
        {
            // The connection is open and warm: both requests below go on it, as streams.
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var slow = client.SendAsync(Http2Get($"{scheme}://api.test/slow"));
        await WaitUntilAsync(() => scope.Requests.Count == 2);
        using var fast = await client.SendAsync(Http2Get($"{scheme}://api.test/fast"));
        var fastTook = clock.Elapsed;
        Assert.False(slow.IsCompleted, "the slow reply came before its delay");
        using var slowResponse = await slow;

        Assert.Equal("fast", await fast.Content.ReadAsStringAsync());
        Assert.Equal("slow", await slowResponse.Content.ReadAsStringAsync());
        Assert.True(fastTook < TimeSpan.FromSeconds(1.5), $"the fast reply waited for the slow one: {fastTook}");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"the slow reply came after {clock.Elapsed}");
        Assert.Equal(new Version(2, 0), slowResponse.Version);
    }

    [Fact]
    public async Task A_slow_reply_due_after_its_scope_closed_is_never_written()
    {
        var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/slow", new HttpMockResponse("slow").WithDelay(TimeSpan.FromMilliseconds(300)));
        using var client = CountingClient(out _);
        var slow = client.SendAsync(Http2Get("https://api.test/slow"));
        await WaitUntilAsync(() => scope.Requests.Count == 1);

        scope.Close();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => slow);
        await Task.Delay(500);
        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task A_slow_reply_due_after_its_client_left_goes_nowhere()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/slow", new HttpMockResponse("slow").WithDelay(TimeSpan.FromMilliseconds(300)));
        MockHttp.Register("GET", "https://api.test/fast", "fast");
        var client = CountingClient(out _);
        var slow = client.SendAsync(Http2Get("https://api.test/slow"));
        await WaitUntilAsync(() => scope.Requests.Count == 1);

        client.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => slow);
        await Task.Delay(500);

        Assert.Empty(scope.Errors);
        using var next = CountingClient(out _);
        Assert.Equal("fast", await (await next.SendAsync(Http2Get("https://api.test/fast"))).Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 5000, "the request never arrived");
            await Task.Delay(10);
        }
    }

    /// <summary>A client of the current scope that counts the connections it opens.</summary>
    internal static HttpClient CountingClient(out Func<int> connections)
    {
        var handler = (SocketsHttpHandler)MockHttp.CreateHandler();
        var connect = handler.ConnectCallback!;
        var count = 0;
        handler.ConnectCallback = (context, cancellationToken) =>
        {
            Interlocked.Increment(ref count);
            return connect(context, cancellationToken);
        };
        connections = () => Volatile.Read(ref count);
        return new HttpClient(handler);
    }

    internal static HttpRequestMessage Http2Get(string url) => new(HttpMethod.Get, url)
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };
}
