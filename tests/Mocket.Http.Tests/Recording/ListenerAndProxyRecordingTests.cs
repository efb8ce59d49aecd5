using System.Net;
using MocketNet.Http.Seam;
using MocketNet.Http.Tests.Support;
using MocketNet.Protocols;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>Requests recorded through a loopback listener or Mocket's proxy endpoint are stored as the origin's and replay through any seam.</summary>
public class ListenerAndProxyRecordingTests
{
    [Fact]
    public async Task A_request_recorded_through_a_listener_names_the_origin_and_replays_in_memory_and_through_the_global_seam()
    {
        using var directory = new TempDirectory();
        var origin = await Origin.StartAsync();
        var url = new Uri(origin.Address, "/json?via=listener");
        var recorded = await Recordings.RecordAsync(directory, async () =>
        {
            var endpoint = MockHttp.Listen("127.0.0.1", url.Port);
            using var client = new HttpClient();
            return await Reply.ReadAsync(client.GetAsync(new Uri($"http://{endpoint}{url.PathAndQuery}")));
        });
        await origin.DisposeAsync();

        Assert.Equal(Origin.Json, recorded.Body);
        Assert.StartsWith($"GET /json?via=listener HTTP/1.1\r\nHost: 127.0.0.1:{url.Port}\r\n", Assert.Single(Recordings.Exchanges(directory)).Request, StringComparison.Ordinal);
        Assert.Equal(recorded, await Recordings.ReplayOfflineAsync(directory, () => HttpRecordReplayTests.SendAsync(ClientKind.Explicit, url)));
        Assert.Equal(recorded, await Recordings.ReplayOfflineAsync(directory, () => HttpRecordReplayTests.SendAsync(ClientKind.Global, url)));
    }

    [Fact]
    public async Task A_request_recorded_through_the_proxy_endpoint_in_absolute_form_replays_through_the_global_seam()
    {
        using var directory = new TempDirectory();
        var origin = await Origin.StartAsync();
        var url = new Uri(origin.Address, "/echo?via=proxy");
        var recorded = await Recordings.RecordAsync(directory, async () =>
        {
            var proxy = SeamListeners.For(MocketServer.For(Mocket.CurrentScope)).Proxy;

            // Hidden from the global seam (no activity propagator), so it really goes through the proxy.
            using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, UseProxy = true, Proxy = new FixedProxy(new Uri($"http://{proxy}")) });
            return await Reply.ReadAsync(client.PostAsync(url, new StringContent("through a proxy")));
        });
        await origin.DisposeAsync();

        Assert.Equal("posted:through a proxy", recorded.Body);
        Assert.StartsWith($"POST /echo?via=proxy HTTP/1.1\r\nHost: 127.0.0.1:{url.Port}\r\n", Assert.Single(Recordings.Exchanges(directory)).Request, StringComparison.Ordinal);
        var replayed = await Recordings.ReplayOfflineAsync(directory, async () =>
        {
            using var client = new HttpClient();
            return await Reply.ReadAsync(client.PostAsync(url, new StringContent("through a proxy")));
        });
        Assert.Equal(recorded, replayed);
    }

    private sealed class FixedProxy(Uri proxy) : IWebProxy
    {
        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => proxy;

        public bool IsBypassed(Uri host) => false;
    }
}
