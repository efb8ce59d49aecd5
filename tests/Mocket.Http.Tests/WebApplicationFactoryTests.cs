using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MocketNet.Http.Tests;

/// <summary>An ASP.NET Core app under WebApplicationFactory whose own outbound HTTPS call is served by the test's registration.</summary>
public class WebApplicationFactoryTests
{
    [Fact]
    public async Task An_apps_outbound_https_call_through_ihttpclientfactory_is_served_by_the_tests_entry()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockHttp.SingleRegister("GET", "https://weather.test/today?city=Oslo", body: """{"summary": "snow"}""",
            headers: new Dictionary<string, string> { ["content-type"] = "application/json" });
        await using var factory = new WeatherAppFactory();
        using var client = factory.CreateClient();

        var forecast = await client.GetStringAsync(new Uri("/forecast/Oslo", UriKind.Relative));

        Assert.Equal("""Oslo: {"summary": "snow"}""", forecast);
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Scheme == "https" && r.Host == "weather.test" && r.Query["city"][0] == "Oslo");
    }

    /// <summary>The app: GET /forecast/{city} asks weather.test over HTTPS through a named IHttpClientFactory client.</summary>
    public sealed class WeatherAppFactory : WebApplicationFactory<WeatherAppFactory>
    {
        protected override IHostBuilder CreateHostBuilder() =>
            Host.CreateDefaultBuilder().ConfigureWebHostDefaults(web => web
                .UseTestServer(server => server.PreserveExecutionContext = true)
                .ConfigureServices(services =>
                {
                    services.AddRouting();
                    services.AddHttpClient("weather", c => c.BaseAddress = new Uri("https://weather.test/"));
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/forecast/{city}", async (string city, IHttpClientFactory clients) =>
                    {
                        var weather = clients.CreateClient("weather");
                        var body = await weather.GetStringAsync(new Uri($"today?city={city}", UriKind.Relative));
                        return Results.Text($"{city}: {body}");
                    }));
                }));

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);
    }
}
