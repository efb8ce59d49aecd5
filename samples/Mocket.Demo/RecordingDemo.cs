using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MocketNet.Demo;

/// <summary>
/// Recording: a plain <c>new HttpClient()</c> talks to a real server once (a Kestrel app on 127.0.0.1),
/// Mocket stores the exchange with the secret redacted, and a strict, replay-only scope answers the same
/// call from the file with the server gone.
/// </summary>
public static class RecordingDemo
{
    private const string Namespace = "Demo.Quotes";

    public static async Task RunAsync()
    {
        Console.WriteLine("== Record once, replay offline (Mocket.Http + recording)");
        var directory = Path.Combine(Path.GetTempPath(), "mocket-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            string url;
            await using (var origin = await StartOriginAsync())
            {
                url = Address(origin) + "/quote?api_key=s3cret";
                await using (Mocket.Enable(new MocketOptions { RecordingDirectory = directory, Namespace = Namespace, RedactedFields = { "api_key" } }))
                {
                    using var client = new HttpClient();
                    Console.WriteLine($"  recording : GET /quote -> {await client.GetStringAsync(url)}   (the real server answered)");
                }
            }

            var file = Path.Combine(directory, Namespace + ".json");
            var stored = await File.ReadAllTextAsync(file);
            Console.WriteLine($"  stored in {file} (Python mocket's format); the secret is in it: {stored.Contains("s3cret", StringComparison.Ordinal)}; server stopped");

            var replay = Mocket.Enable(new MocketOptions
            {
                Strict = true,
                RecordingDirectory = directory,
                Namespace = Namespace,
                RecordMode = MocketRecordMode.None,
                RedactedFields = { "api_key" },
            });
            using (var client = new HttpClient())
            {
                Console.WriteLine($"  replaying : GET /quote -> {await client.GetStringAsync(url.Replace("s3cret", "another-key", StringComparison.Ordinal))}   (from the file, no network, any key)");
            }

            Console.WriteLine($"  violations in the strict replay scope: {replay.Close(throwOnViolations: false).Count}");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static async Task<WebApplication> StartOriginAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/quote", () => Results.Text(
            JsonSerializer.Serialize(new { quote = "Simple things should be simple.", served = DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) }),
            "application/json"));
        await app.StartAsync();
        return app;
    }
}
