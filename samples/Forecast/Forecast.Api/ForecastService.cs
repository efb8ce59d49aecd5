using Microsoft.Extensions.Caching.Hybrid;

namespace Forecast.Api;

/// <summary>A city's forecast: the current temperature, cached for ten minutes (in memory and in Redis).</summary>
public sealed record CityForecast(string City, double Celsius);

/// <summary>Looks cities up, asks the weather API once per city and ten minutes, and caches the answer.</summary>
public sealed class ForecastService(WeatherClient weather, HybridCache cache)
{
    private static readonly Dictionary<string, (double Latitude, double Longitude)> s_cities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["paris"] = (48.85, 2.35),
        ["oslo"] = (59.91, 10.75),
        ["lima"] = (-12.05, -77.04),
    };

    private static readonly HybridCacheEntryOptions s_tenMinutes = new() { Expiration = TimeSpan.FromMinutes(10) };

    /// <summary>The city's forecast, or null for a city this service does not know.</summary>
    public async Task<CityForecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        if (!s_cities.TryGetValue(city, out var place))
        {
            return null;
        }

        var name = city.ToLowerInvariant();
        return await cache.GetOrCreateAsync(
            name,
            async token => new CityForecast(name, await weather.CurrentTemperatureAsync(place.Latitude, place.Longitude, token).ConfigureAwait(false)),
            s_tenMinutes,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
