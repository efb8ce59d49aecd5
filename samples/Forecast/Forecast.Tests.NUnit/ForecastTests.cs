using System.Net;
using MocketNet.NUnit;
using NUnit.Framework;

namespace Forecast.Tests;

/// <summary>
/// The sample app's tests. HybridCache runs the cache-miss factory (the app's HTTPS call) off the request's async
/// context, where no test scope is ambient: Exclusive = true makes the test's scope serve that code too, and runs the
/// test alone among mocketized tests. The record-then-replay test opens its own two scopes, so these tests run one at a time.
/// </summary>
public class ForecastTests
{
    [Test, Mocketize(Strict = true, Exclusive = true)]
    public async Task The_forecast_comes_from_the_weather_API_and_is_cached_in_Redis() =>
        Assert.That(await ForecastScenarios.FetchesAndCachesAsync(), Is.EqualTo("""{"city":"paris","celsius":21.5}"""));

    [Test, Mocketize(Strict = true, Exclusive = true)]
    public async Task The_weather_API_failing_is_a_502() =>
        Assert.That(await ForecastScenarios.ApiFailureAsync(), Is.EqualTo(HttpStatusCode.BadGateway));

    [Test]
    public async Task One_call_is_recorded_then_replayed_offline()
    {
        var directory = Directory.CreateTempSubdirectory("forecast-recordings-").FullName;
        try
        {
            var (recorded, replayed) = await ForecastScenarios.RecordsThenReplaysAsync(directory);
            Assert.That(recorded, Is.EqualTo("""{"city":"oslo","celsius":-3.5}"""));
            Assert.That(replayed, Is.EqualTo(recorded));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
