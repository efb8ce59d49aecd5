using System.Globalization;
using System.Text.Json.Serialization;

namespace Forecast.Api;

/// <summary>The typed client of the third-party weather API.</summary>
public sealed class WeatherClient(HttpClient http)
{
    /// <summary>The current temperature at a place, in degrees Celsius.</summary>
    public async Task<double> CurrentTemperatureAsync(double latitude, double longitude, CancellationToken cancellationToken)
    {
        var uri = string.Create(CultureInfo.InvariantCulture, $"v1/forecast?latitude={latitude}&longitude={longitude}&current=temperature_2m");
        var reply = await http.GetFromJsonAsync<Reply>(new Uri(uri, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return reply?.Current?.Temperature ?? throw new HttpRequestException("The weather service sent no current temperature.");
    }

    private sealed record Reply([property: JsonPropertyName("current")] Current? Current);

    private sealed record Current([property: JsonPropertyName("temperature_2m")] double Temperature);
}
