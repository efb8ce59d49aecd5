using BenchmarkDotNet.Attributes;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MocketNet.Http;
using RichardSzalay.MockHttp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MocketNet.Benchmarks;

/// <summary>
/// A small JSON GET through HttpClient: Mocket's explicit handler (http and https, warm connection) and
/// global seam (a plain <c>new HttpClient()</c>), side by side with RichardSzalay.MockHttp, WireMock.Net,
/// a plain Kestrel app on 127.0.0.1, and the in-memory floor (<see cref="InMemoryFloor"/>: the least any
/// in-memory fake that runs HttpClient's HTTP/1.1 code can cost).
/// </summary>
[MemoryDiagnoser]
public class HttpBenchmarks
{
    private const string Json = Peers.Json;
    private static readonly Uri s_http = new("http://api.test/users/42");
    private static readonly Uri s_https = new("https://api.test/users/42");

    private MocketScope _scope = null!;
    private HttpClient _mocket = null!;
    private HttpClient _plain = null!;
    private HttpClient _mockHttp = null!;
    private MockHttpMessageHandler _mockHttpHandler = null!;
    private WireMockServer _wireMock = null!;
    private Uri _wireMockUri = null!;
    private WebApplication _kestrel = null!;
    private Uri _kestrelUri = null!;
    private HttpClient _floor = null!;
    private HttpClient _floorInline = null!;
    private LoopbackFloor _loopbackFloor = null!;
    private Uri _loopbackFloorUri = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scope = Mocket.Enable();
        var headers = new Dictionary<string, string> { ["content-type"] = "application/json" };
        MockHttp.Register("GET", s_http.ToString(), new HttpMockResponse(Json, headers: headers));
        MockHttp.Register("GET", s_https.ToString(), new HttpMockResponse(Json, headers: headers));
        _mocket = MockHttp.CreateClient();
        _plain = new HttpClient();

        _mockHttpHandler = new MockHttpMessageHandler();
        _mockHttpHandler.When(s_http.ToString()).Respond("application/json", Json);
        _mockHttp = _mockHttpHandler.ToHttpClient();

        _wireMock = WireMockServer.Start();
        _wireMock.Given(Request.Create().WithPath("/users/42").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Json));
        _wireMockUri = new Uri(new Uri(_wireMock.Url!), "/users/42");

        _kestrel = Peers.StartKestrel(app => app.MapGet("/users/42", () => Results.Text(Json, "application/json")), out var address);
        _kestrelUri = new Uri(address, "/users/42");

        var reply = InMemoryFloor.Reply("application/json", Encoding.UTF8.GetBytes(Json));
        _floor = InMemoryFloor.CreateClient(_ => reply);
        _floorInline = InMemoryFloor.CreateClient(_ => reply, serveInline: true);
        _loopbackFloor = new LoopbackFloor(reply);
        _loopbackFloorUri = new Uri(_loopbackFloor.Address, "/users/42");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mocket.Dispose();
        _floor.Dispose();
        _floorInline.Dispose();
        _plain.Dispose();
        _mockHttp.Dispose();
        _mockHttpHandler.Dispose();
        _wireMock.Stop();
        _kestrel.StopAsync().GetAwaiter().GetResult();
        _loopbackFloor.Dispose();
        _scope.Close(throwOnViolations: false);
    }

    [Benchmark(Baseline = true)]
    public Task<string> RichardSzalayMockHttp() => _mockHttp.GetStringAsync(s_http);

    [Benchmark]
    public Task<string> InMemoryFloorGet() => _floor.GetStringAsync(s_http);

    [Benchmark]
    public Task<string> InMemoryFloorInlineGet() => _floorInline.GetStringAsync(s_http);

    [Benchmark]
    public Task<string> MocketCreateClient() => _mocket.GetStringAsync(s_http);

    [Benchmark]
    public Task<string> MocketCreateClientHttps() => _mocket.GetStringAsync(s_https);

    [Benchmark]
    public Task<string> MocketGlobalSeam() => _plain.GetStringAsync(s_http);

    [Benchmark]
    public Task<string> MocketGlobalSeamHttps() => _plain.GetStringAsync(s_https);

    [Benchmark]
    public Task<string> KestrelLoopback() => _plain.GetStringAsync(_kestrelUri);

    /// <summary>The global seam's floor: a bare 127.0.0.1 socket server with a fixed reply (<see cref="LoopbackFloor"/>).</summary>
    [Benchmark]
    public Task<string> LoopbackFloorGet() => _plain.GetStringAsync(_loopbackFloorUri);

    [Benchmark]
    public Task<string> WireMockNet() => _plain.GetStringAsync(_wireMockUri);
}
