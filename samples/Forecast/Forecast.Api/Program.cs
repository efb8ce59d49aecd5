using Forecast.Api;

var builder = WebApplication.CreateBuilder(args);

// The third-party weather API (Open-Meteo: HTTPS, no key), through a typed HttpClient.
builder.Services.AddHttpClient<WeatherClient>(client =>
    client.BaseAddress = new Uri(builder.Configuration["Weather:BaseAddress"] ?? "https://api.open-meteo.com/"));

// HybridCache: in memory, backed by Redis (IDistributedCache over StackExchange.Redis).
builder.Services.AddStackExchangeRedisCache(options =>
{
    options.Configuration = builder.Configuration.GetConnectionString("Redis");
    options.InstanceName = "forecast:";
});
builder.Services.AddHybridCache();
builder.Services.AddSingleton<ForecastService>();

var app = builder.Build();

app.MapGet("/forecast/{city}", async (string city, ForecastService forecasts, CancellationToken cancellationToken) =>
{
    try
    {
        return await forecasts.GetAsync(city, cancellationToken) is { } forecast ? Results.Ok(forecast) : Results.NotFound();
    }
    catch (HttpRequestException e)
    {
        return Results.Problem($"The weather service failed: {e.Message}", statusCode: StatusCodes.Status502BadGateway);
    }
});

app.Run();

/// <summary>The app's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
