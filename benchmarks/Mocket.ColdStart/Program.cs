using System.Diagnostics;
using System.Globalization;
using MocketNet;
using MocketNet.Http;
using RichardSzalay.MockHttp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

// The first mocked request in a fresh process, JIT included: set up one peer, make one GET, print how long that took
// inside the process (from the first line of Main) and exit. Time whole processes from outside as well (several runs,
// the peers in turn), since the runtime's own start-up comes before Main:
//
//   dotnet build -c Release benchmarks/Mocket.ColdStart
//   for i in 1 2 3 4 5; do for p in baseline mocket mocket-https mockhttp wiremock; do
//     /usr/bin/time -f "$p %e s %M KB" dotnet benchmarks/Mocket.ColdStart/bin/Release/net10.0/Mocket.ColdStart.dll $p; done; done
const string Json = """{"id": 42, "name": "Ada", "tags": ["math", "engines"]}""";
var clock = Stopwatch.StartNew();
var peer = args.Length > 0 ? args[0] : "mocket";
var body = peer switch
{
    "baseline" => string.Empty,
    "mocket" => await MocketGet("http"),
    "mocket-https" => await MocketGet("https"),
    "mockhttp" => await MockHttpGet(),
    "wiremock" => await WireMockGet(),
    _ => throw new ArgumentException($"Unknown peer '{peer}': baseline, mocket, mocket-https, mockhttp or wiremock.", nameof(args)),
};
clock.Stop();
if (peer != "baseline" && body != Json)
{
    throw new InvalidOperationException($"{peer} answered '{body}'.");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{peer}: first request {clock.Elapsed.TotalMilliseconds:F1} ms after Main started"));

static async Task<string> MocketGet(string scheme)
{
    using var scope = Mocket.Enable();
    MockHttp.Register("GET", $"{scheme}://api.test/users/42", Json);
    using var client = MockHttp.CreateClient();
    return await client.GetStringAsync(new Uri($"{scheme}://api.test/users/42"));
}

static async Task<string> MockHttpGet()
{
    using var handler = new MockHttpMessageHandler();
    handler.When("http://api.test/users/42").Respond("application/json", Json);
    using var client = handler.ToHttpClient();
    return await client.GetStringAsync(new Uri("http://api.test/users/42"));
}

static async Task<string> WireMockGet()
{
    using var server = WireMockServer.Start();
    server.Given(Request.Create().WithPath("/users/42").UsingGet())
        .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Json));
    using var client = new HttpClient();
    return await client.GetStringAsync(new Uri(server.Url + "/users/42"));
}
