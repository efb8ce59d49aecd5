using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using MocketNet;
using MocketNet.Http;
using MocketNet.Redis;

namespace Forecast.Tests;

/// <summary>
/// The app as it runs in production, with one change made from the test side: Redis is Mocket's in-memory
/// Redis (<c>MockRedis.ConfigurationOptions()</c>, at localhost:6379, where the entries are registered). Outbound HTTPS needs no change at all: the app's
/// typed HttpClient is served by the test's MockHttp entries.
/// </summary>
public sealed class ForecastApp(string? weatherBaseAddress = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The app's request handling runs in the test's async context, so it finds the test's Mocket scope.
        builder.UseTestServer(server => server.PreserveExecutionContext = true);
        if (weatherBaseAddress is not null)
        {
            builder.UseSetting("Weather:BaseAddress", weatherBaseAddress);
        }

        builder.ConfigureTestServices(services => services.Configure<RedisCacheOptions>(options =>
            options.ConfigurationOptions = MockRedis.ConfigurationOptions()));
    }
}

/// <summary>The entries the tests register: what the third-party API and Redis answer.</summary>
public static class ForecastEntries
{
    public const string ParisForecast = "https://api.open-meteo.com/v1/forecast?latitude=48.85&longitude=2.35&current=temperature_2m";

    /// <summary>Open-Meteo's reply for Paris (the part the app reads).</summary>
    public static void WeatherInParis(double celsius) =>
        MockHttp.Register("GET", ParisForecast, HttpMockResponse.Json(new { latitude = 48.86, longitude = 2.34, current = new { temperature_2m = celsius } }));

    /// <summary>An empty Redis: HybridCache misses its L2, then writes the value back (key, expiry and payload vary).</summary>
    public static void EmptyRedis()
    {
        MockRedis.RegisterResponse("HMGET forecast:* absexp sldexp", new object?[] { null, null });
        MockRedis.RegisterResponse("HGET forecast:* data", null);
        MockRedis.Register("HMSET forecast:* ...", MockRedis.Ok);
        MockRedis.Register("EXPIRE forecast:* ...", 1);
    }

    /// <summary>HybridCache writes Redis after it has answered: waits (bounded) for the write.</summary>
    public static async Task<bool> RedisWrittenAsync(string key)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (Mocket.Requests.OfType<RedisMockRequest>().Any(r => r.Command == "HMSET" && r.ArgumentsText[0] == key))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A stand-in for the third-party API on 127.0.0.1, for the record-then-replay test: CI has no internet, so the
/// "real" service that a first run records is this one. In your project the first run records the real service.
/// </summary>
public sealed class StandInWeatherApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInWeatherApi(WebApplication app) => _app = app;

    public string BaseAddress => _app.Urls.Single() + "/";

    public static async Task<StandInWeatherApi> StartAsync(double celsius)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/forecast", () => Results.Json(new { latitude = 59.91, longitude = 10.75, current = new { temperature_2m = celsius } }));
        await app.StartAsync();
        return new StandInWeatherApi(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The three scenarios every framework's test project runs, each inside that test's Mocket scope.</summary>
public static class ForecastScenarios
{
    /// <summary>GET /forecast/paris asks Open-Meteo once over HTTPS and writes the answer to Redis.</summary>
    public static async Task<string> FetchesAndCachesAsync()
    {
        ForecastEntries.WeatherInParis(21.5);
        ForecastEntries.EmptyRedis();
        await using var app = new ForecastApp();
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(new Uri("/forecast/paris", UriKind.Relative));
        var secondBody = await client.GetStringAsync(new Uri("/forecast/Paris", UriKind.Relative));   // from HybridCache's memory

        Mocket.AssertRequested<HttpMockRequest>(r => r.Host == "api.open-meteo.com" && r.Scheme == "https", times: 1);
        if (!await ForecastEntries.RedisWrittenAsync("forecast:paris") || body != secondBody)
        {
            throw new InvalidOperationException("The forecast was not cached: " + body + " / " + secondBody);
        }

        return body;
    }

    /// <summary>The weather API failing (503) becomes a 502 from the app.</summary>
    public static async Task<HttpStatusCode> ApiFailureAsync()
    {
        MockHttp.Register("GET", ForecastEntries.ParisForecast, new HttpMockResponse("unavailable", status: 503));
        ForecastEntries.EmptyRedis();
        await using var app = new ForecastApp();
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/forecast/paris", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>
    /// Records one call to the (stand-in) weather API, then replays it with the API gone and a strict scope:
    /// returns both bodies. Each phase opens its own scope (a test needs two here, so it uses Mocket.Enable).
    /// </summary>
    public static async Task<(string Recorded, string Replayed)> RecordsThenReplaysAsync(string recordingDirectory)
    {
        // Mocket.Http's global HttpClient seam is installed when Mocket.Http loads. This test names no other MockHttp
        // member, so without this line nothing would load it: the call would reach the network unrecorded.
        if (!MockHttp.IsGlobalSeamActive)
        {
            throw new InvalidOperationException("Mocket.Http's global HttpClient seam is not active.");
        }

        string recorded, replayed, baseAddress;
        await using (var api = await StandInWeatherApi.StartAsync(-3.5))
        {
            baseAddress = api.BaseAddress;
            using var recording = Mocket.Enable(Options(recordingDirectory, MocketRecordMode.Once, strict: false));
            ForecastEntries.EmptyRedis();
            await using var app = new ForecastApp(baseAddress);
            using var client = app.CreateClient();
            recorded = await client.GetStringAsync(new Uri("/forecast/oslo", UriKind.Relative));
            await ForecastEntries.RedisWrittenAsync("forecast:oslo");
        }

        using (var replay = Mocket.Enable(Options(recordingDirectory, MocketRecordMode.None, strict: true)))
        {
            ForecastEntries.EmptyRedis();
            await using var app = new ForecastApp(baseAddress);
            using var client = app.CreateClient();
            replayed = await client.GetStringAsync(new Uri("/forecast/oslo", UriKind.Relative));
            await ForecastEntries.RedisWrittenAsync("forecast:oslo");
        }

        return (recorded, replayed);
    }

    private static MocketOptions Options(string recordingDirectory, MocketRecordMode mode, bool strict) => new()
    {
        RecordingDirectory = recordingDirectory, Namespace = "forecast-oslo", RecordMode = mode, Strict = strict,
        Exclusive = true,   // HybridCache calls the API off the request's async context (see the test classes)
    };
}
