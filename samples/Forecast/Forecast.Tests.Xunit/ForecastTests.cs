using System.Net;
using MocketNet.Xunit;
using Xunit;

namespace Forecast.Tests;

/// <summary>
/// The sample app's tests. HybridCache runs the cache-miss factory (the app's HTTPS call) off the request's async
/// context, where no test scope is ambient: Exclusive = true makes the test's scope serve that code too, and runs the
/// test alone among mocketized tests. The record-then-replay test opens its own two scopes, so these tests run one at a time.
/// </summary>
public class ForecastTests
{
    [Fact, Mocketize(Strict = true, Exclusive = true)]
    public async Task The_forecast_comes_from_the_weather_API_and_is_cached_in_Redis() =>
        Assert.Equal("""{"city":"paris","celsius":21.5}""", await ForecastScenarios.FetchesAndCachesAsync());

    [Fact, Mocketize(Strict = true, Exclusive = true)]
    public async Task The_weather_API_failing_is_a_502() =>
        Assert.Equal(HttpStatusCode.BadGateway, await ForecastScenarios.ApiFailureAsync());

    [Fact]
    public async Task One_call_is_recorded_then_replayed_offline()
    {
        var directory = Directory.CreateTempSubdirectory("forecast-recordings-").FullName;
        try
        {
            var (recorded, replayed) = await ForecastScenarios.RecordsThenReplaysAsync(directory);
            Assert.Equal("""{"city":"oslo","celsius":-3.5}""", recorded);
            Assert.Equal(recorded, replayed);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
