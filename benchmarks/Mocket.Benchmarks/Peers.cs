using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MocketNet.Benchmarks;

/// <summary>What the HTTP benchmarks share: the payloads, and a plain Kestrel app on 127.0.0.1.</summary>
public static class Peers
{
    /// <summary>The small JSON body every GET row answers with.</summary>
    public const string Json = """{"id": 42, "name": "Ada", "tags": ["math", "engines"]}""";

    /// <summary>The large response body (1 MiB).</summary>
    public static readonly byte[] LargeBody = Pattern(1024 * 1024);

    /// <summary>The POST body (64 KiB).</summary>
    public static readonly byte[] PostBody = Pattern(64 * 1024);

    /// <summary>Starts Kestrel on an ephemeral loopback port with the routes <paramref name="map"/> adds; its base address.</summary>
    /// <param name="map">Adds the routes.</param>
    /// <param name="address">The app's base address, such as <c>http://127.0.0.1:41234/</c>.</param>
    public static WebApplication StartKestrel(Action<WebApplication> map, out Uri address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        app.StartAsync().GetAwaiter().GetResult();
        address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return app;
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }
}
