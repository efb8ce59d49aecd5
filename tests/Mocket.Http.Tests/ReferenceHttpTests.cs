using System.Net;
using System.Net.Http.Json;
using System.Text;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests;

/// <summary>The reference suite's tests/test_http.py cases, driven by real HttpClients (explicit handler and global seam).</summary>
public class ReferenceHttpTests
{
    private const string Url = "http://testme.org/foobar?a=1&b=2";

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Register_serves_the_response_and_records_the_request(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", Url, new HttpMockResponse("Show me the bytes"));
        using var client = Clients.Create(kind);

        using var response = await client.GetAsync(new Uri(Url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Show me the bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("Mocket.NET", response.Headers.Server.ToString());
        Assert.True(response.Headers.Date.HasValue);
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == "GET" && r.Path == "/foobar" && r.Host == "testme.org" && r.Port == 80);
        var request = Assert.IsType<HttpMockRequest>(Mocket.LastRequest);
        Assert.Equal(["1"], request.Query["a"]);
        Assert.Equal("testme.org", request.Headers["host"]);
        Assert.Equal(new Uri(Url), response.RequestMessage!.RequestUri);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Sendall_json_answers_json_with_the_given_content_type(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://testme.org/get", body: """{"origin": "127.0.0.1"}""",
            headers: new Dictionary<string, string> { ["content-type"] = "application/json" });
        using var client = Clients.Create(kind);

        using var response = await client.GetAsync(new Uri("http://testme.org/get"));

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("127.0.0.1", (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["origin"]);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Sendall_double_serves_responses_in_order_and_repeats_the_last(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", Url, new HttpMockResponse(status: 404), new HttpMockResponse());
        using var client = Clients.Create(kind);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri(Url));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(3, Mocket.Requests.Count);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Multipart_bodies_reach_the_request_log_whole(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("POST", "http://testme.org/upload", body: "uploaded", status: 201);
        using var client = Clients.Create(kind);
        using var form = new MultipartFormDataContent("xXXxXXyYYzzz")
        {
            { new StringContent("Hello, world"), "content" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("file body")), "file", "a.txt" },
        };

        using var response = await client.PostAsync(new Uri("http://testme.org/upload"), form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = Assert.IsType<HttpMockRequest>(Mocket.LastRequest);
        Assert.Equal("multipart/form-data; boundary=\"xXXxXXyYYzzz\"", request.Headers["Content-Type"]);
        Assert.Contains("name=content", request.BodyText, StringComparison.Ordinal);
        Assert.Contains("Hello, world", request.BodyText, StringComparison.Ordinal);
        Assert.Contains("file body", request.BodyText, StringComparison.Ordinal);
        Assert.EndsWith("--xXXxXXyYYzzz--\r\n", request.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task File_object_bodies_are_read_once_and_their_type_is_sniffed(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        using (var file = new MemoryStream(png))
        {
            MockHttp.Register("GET", "http://testme.org/image.png", new HttpMockResponse(file));
        }

        using var client = Clients.Create(kind);

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(new Uri("http://testme.org/image.png"));
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Same_url_with_different_methods_gets_each_method_its_entry(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        string[] methods = ["GET", "PUT", "POST", "DELETE", "PATCH"];
        foreach (var method in methods)
        {
            MockHttp.SingleRegister(method, Url, body: method);
        }

        using var client = Clients.Create(kind);

        foreach (var method in methods)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Url));
            using var response = await client.SendAsync(request);
            Assert.Equal(method, await response.Content.ReadAsStringAsync());
            Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == method);
        }
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Request_bodies_are_recorded_per_request(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("POST", "http://testme.org/bodies", body: "ok");
        using var client = Clients.Create(kind);
        string[] bodies = ["", "a", "{\"json\": true}", new string('x', 100_000), "ünïcödé ☃"];

        foreach (var body in bodies)
        {
            using var response = await client.PostAsync(new Uri("http://testme.org/bodies"), new StringContent(body));
            Assert.Equal(body, Assert.IsType<HttpMockRequest>(Mocket.LastRequest).BodyText);
        }

        Assert.Equal(bodies.Length, Mocket.Requests.Count);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task An_exception_from_register_makes_the_call_throw_it(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://testme.org/fails", HttpMockResponse.Throw(new TimeoutException("upstream timed out")));
        using var client = Clients.Create(kind);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("http://testme.org/fails")));

        Assert.Equal("upstream timed out", Clients.FindInChain<TimeoutException>(error)!.Message);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task An_exception_from_single_register_makes_the_call_throw_it(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://testme.org/fails", exception: new InvalidDataException("bad gateway"));
        using var client = Clients.Create(kind);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("http://testme.org/fails")));

        Assert.NotNull(Clients.FindInChain<InvalidDataException>(error));
        Assert.Single(Mocket.Requests);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Assert_all_entries_served_fails_naming_the_entry_not_served(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://testme.org/served", new HttpMockResponse("1"));
        MockHttp.Register("GET", "http://testme.org/not-served", new HttpMockResponse("2"));
        using var client = Clients.Create(kind);

        (await client.GetAsync(new Uri("http://testme.org/served"))).Dispose();

        var error = Assert.Throws<MocketAssertionException>(Mocket.AssertAllEntriesServed);
        Assert.Contains("path='/not-served'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("path='/served'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Multi_register_serves_json_bodies_in_order(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", Url, new HttpMockResponse("""{"foo": "bar0"}""", 200), new HttpMockResponse("""{"foo": "bar1"}""", 500));
        using var client = Clients.Create(kind);

        using var first = await client.GetAsync(new Uri(Url));
        using var second = await client.GetAsync(new Uri(Url));

        Assert.Equal("bar0", (await first.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["foo"]);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("bar1", (await second.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["foo"]);
    }

    [Fact]
    public async Task Register_with_a_body_and_a_status_answers_them()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://testme.org/ping", "pong");
        MockHttp.Register("GET", "http://testme.org/missing", "gone", 404);
        using var client = MockHttp.CreateClient();

        Assert.Equal("pong", await client.GetStringAsync(new Uri("http://testme.org/ping")));
        using var missing = await client.GetAsync(new Uri("http://testme.org/missing"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("gone", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Register_options_are_named_parameters_so_an_invalid_config_key_cannot_compile()
    {
        // The reference raises KeyError for an unknown option at run time; in C# the set of options is the
        // parameter list, checked by the compiler. This pins that list.
        var options = typeof(MockHttp).GetMethods()
            .Where(m => m.Name is nameof(MockHttp.Register) or nameof(MockHttp.SingleRegister))
            .SelectMany(m => m.GetParameters()).Select(p => p.Name!).ToHashSet();

        Assert.Subset(
            new HashSet<string> { "method", "uri", "responses", "matchQueryString", "canHandle", "body", "status", "headers", "exception", "when", "whenDescription", "respond" },
            options);
    }

    [Theory]
    [InlineData(ClientKind.Explicit, "http://testme.org", "http://testme.org/")]
    [InlineData(ClientKind.Global, "http://testme.org", "http://testme.org/")]
    [InlineData(ClientKind.Explicit, "http://testme.org/", "http://testme.org")]
    [InlineData(ClientKind.Global, "http://testme.org/", "http://testme.org")]
    public async Task A_url_with_no_path_and_one_with_a_trailing_slash_are_the_same(ClientKind kind, string registered, string requested)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", registered, body: "root");
        using var client = Clients.Create(kind);

        using var response = await client.GetAsync(new Uri(requested));

        Assert.Equal("root", await response.Content.ReadAsStringAsync());
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Path == "/");
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Can_handle_replaces_path_and_query_matching(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "http://testme.org/foobar", body: "Spam!", canHandle: (path, query) => path.EndsWith("/foobar", StringComparison.Ordinal) && !query.ContainsKey("a"));
        MockHttp.SingleRegister("GET", "http://testme.org/foobar", body: "Eggs!", canHandle: (path, query) => path.EndsWith("/foobar", StringComparison.Ordinal) && query.ContainsKey("a"));
        using var client = Clients.Create(kind);

        Assert.Equal("Spam!", await client.GetStringAsync(new Uri("http://testme.org/foobar")));
        Assert.Equal("Eggs!", await client.GetStringAsync(new Uri("http://testme.org/foobar?a=1")));
        Assert.Equal("Eggs!", await client.GetStringAsync(new Uri("http://testme.org/x/foobar?a=")));
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Match_query_string_false_ignores_the_query_and_blank_values_are_kept(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://testme.org/q", [new HttpMockResponse("any")], matchQueryString: false);
        MockHttp.SingleRegister("GET", "http://testme.org/exact?draft=&tag=a&tag=b", body: "exact");
        using var client = Clients.Create(kind);

        Assert.Equal("any", await client.GetStringAsync(new Uri("http://testme.org/q?whatever=1")));
        Assert.Equal("exact", await client.GetStringAsync(new Uri("http://testme.org/exact?tag=a&draft=&tag=b")));
        var request = Assert.IsType<HttpMockRequest>(Mocket.LastRequest);
        Assert.Equal([""], request.Query["draft"]);
        Assert.Equal(["a", "b"], request.Query["tag"]);
    }
}
