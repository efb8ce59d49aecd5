using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MocketNet.Http;
using RichardSzalay.MockHttp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MocketNet.Benchmarks;

/// <summary>Who serves the requests of an <see cref="HttpLoadBenchmarks"/> row.</summary>
public enum HttpPeer
{
    /// <summary>The in-memory floor (<see cref="InMemoryFloor"/>).</summary>
    Floor,

    /// <summary>The in-memory floor with its responder on the client's writing thread, as Mocket's pump runs.</summary>
    FloorInline,

    /// <summary>RichardSzalay.MockHttp (no wire at all: it hands HttpClient a response object).</summary>
    MockHttp,

    /// <summary>Mocket's <c>MockHttp.CreateClient()</c>, http.</summary>
    Mocket,

    /// <summary>Mocket's <c>MockHttp.CreateClient()</c>, https (real TLS in memory, warm connections).</summary>
    MocketHttps,

    /// <summary>A plain Kestrel app on 127.0.0.1.</summary>
    Kestrel,

    /// <summary>WireMock.Net on 127.0.0.1.</summary>
    WireMock,
}

/// <summary>
/// Heavier HTTP traffic through one HttpClient, for each peer: 64 concurrent small GETs, a 1 MiB response, a 64 KiB POST.
/// Times are per request.
/// </summary>
[MemoryDiagnoser]
public class HttpLoadBenchmarks
{
    private const int Concurrency = 64;
    private const string PostReply = """{"ok": true}""";

    private HttpClient _client = null!;
    private Uri _small = null!;
    private Uri _large = null!;
    private Uri _upload = null!;
    private MocketScope? _scope;
    private MockHttpMessageHandler? _mockHttp;
    private WireMockServer? _wireMock;
    private WebApplication? _kestrel;
    private Task<string>[] _tasks = null!;

    [ParamsAllValues]
    public HttpPeer Peer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tasks = new Task<string>[Concurrency];
        var root = Peer switch
        {
            HttpPeer.Floor => SetUpFloor(serveInline: false),
            HttpPeer.FloorInline => SetUpFloor(serveInline: true),
            HttpPeer.MockHttp => SetUpMockHttp(),
            HttpPeer.Mocket => SetUpMocket("http"),
            HttpPeer.MocketHttps => SetUpMocket("https"),
            HttpPeer.Kestrel => SetUpKestrel(),
            _ => SetUpWireMock(),
        };
        _small = new Uri(root, "users/42");
        _large = new Uri(root, "large");
        _upload = new Uri(root, "upload");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _mockHttp?.Dispose();
        _wireMock?.Stop();
        _kestrel?.StopAsync().GetAwaiter().GetResult();
        _scope?.Close(throwOnViolations: false);
    }

    /// <summary>64 GETs of the small JSON body at once through one client (HTTP/1.1: up to 64 connections, kept warm).</summary>
    [Benchmark(OperationsPerInvoke = Concurrency)]
    public async Task Concurrent64()
    {
        for (var i = 0; i < _tasks.Length; i++)
        {
            _tasks[i] = _client.GetStringAsync(_small);
        }

        await Task.WhenAll(_tasks).ConfigureAwait(false);
    }

    /// <summary>One GET of a 1 MiB body, read whole.</summary>
    [Benchmark]
    public Task<byte[]> Get1MiB() => _client.GetByteArrayAsync(_large);

    /// <summary>One POST of a 64 KiB body; the reply is small. (Mocket's row forgets the logged request after each, so the log does not grow.)</summary>
    [Benchmark]
    public async Task<string> Post64KiB()
    {
        using var content = new ByteArrayContent(Peers.PostBody);
        using var response = await _client.PostAsync(_upload, content).ConfigureAwait(false);
        var text = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().ConfigureAwait(false);
        _scope?.RemoveLastRequest();
        return text;
    }

    private Uri SetUpFloor(bool serveInline)
    {
        var small = InMemoryFloor.Reply("application/json", Encoding.UTF8.GetBytes(Peers.Json));
        var large = InMemoryFloor.Reply("application/octet-stream", Peers.LargeBody);
        var posted = InMemoryFloor.Reply("application/json", Encoding.UTF8.GetBytes(PostReply));
        _client = InMemoryFloor.CreateClient(head =>
            head.StartsWith("POST "u8) ? posted : head.StartsWith("GET /large "u8) ? large : small, serveInline);
        return new Uri("http://floor.test/");
    }

    private Uri SetUpMockHttp()
    {
        _mockHttp = new MockHttpMessageHandler();
        _mockHttp.When(HttpMethod.Get, "http://api.test/users/42").Respond("application/json", Peers.Json);
        _mockHttp.When(HttpMethod.Get, "http://api.test/large").Respond(_ => new ByteArrayContent(Peers.LargeBody));
        _mockHttp.When(HttpMethod.Post, "http://api.test/upload").Respond("application/json", PostReply);
        _client = _mockHttp.ToHttpClient();
        return new Uri("http://api.test/");
    }

    private Uri SetUpMocket(string scheme)
    {
        _scope = Mocket.Enable();
        var json = new Dictionary<string, string> { ["content-type"] = "application/json" };
        var octets = new Dictionary<string, string> { ["content-type"] = "application/octet-stream" };
        MockHttp.Register("GET", $"{scheme}://api.test/users/42", new HttpMockResponse(Peers.Json, headers: json));
        MockHttp.Register("GET", $"{scheme}://api.test/large", new HttpMockResponse(Peers.LargeBody, headers: octets));
        MockHttp.Register("POST", $"{scheme}://api.test/upload", new HttpMockResponse(PostReply, headers: json));
        _client = MockHttp.CreateClient();
        return new Uri($"{scheme}://api.test/");
    }

    private Uri SetUpKestrel()
    {
        _kestrel = Peers.StartKestrel(
            app =>
            {
                app.MapGet("/users/42", () => Results.Text(Peers.Json, "application/json"));
                app.MapGet("/large", () => Results.Bytes(Peers.LargeBody, "application/octet-stream"));
                app.MapPost("/upload", async (HttpRequest request) =>
                {
                    await request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
                    return Results.Text(PostReply, "application/json");
                });
            },
            out var address);
        _client = new HttpClient();
        return address;
    }

    private Uri SetUpWireMock()
    {
        _wireMock = WireMockServer.Start();
        _wireMock.Given(Request.Create().WithPath("/users/42").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Peers.Json));
        _wireMock.Given(Request.Create().WithPath("/large").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/octet-stream").WithBody(Peers.LargeBody));
        _wireMock.Given(Request.Create().WithPath("/upload").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", "application/json").WithBody(PostReply));
        _client = new HttpClient();
        return new Uri(_wireMock.Url! + "/");
    }
}
