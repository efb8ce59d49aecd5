using System.Collections.Concurrent;
using System.Net;
using MocketNet.Protocols;

namespace MocketNet.Http.Seam;

/// <summary>
/// A scope's loopback fakes for clients Mocket did not build: one for the global seam's rewritten requests
/// (each carries its original location in its path) and one HTTP proxy for the DefaultProxy fallback. Each
/// starts on first use and stops with the scope.
/// </summary>
internal sealed class SeamListeners(MocketServer server) : IDisposable
{
    private const string Placeholder = "mocket-global-seam.invalid";

    // Ports of every scope's fakes, so that a request already aimed at one is never rewritten again.
    private static readonly ConcurrentDictionary<int, bool> s_ownPorts = new();

    private readonly Lazy<IPEndPoint> _seam = new(() => Start(server, HttpMockProtocol.Seam));
    private readonly Lazy<IPEndPoint> _proxy = new(() => Start(server, HttpMockProtocol.Instance));

    /// <summary>The global seam's fake: HTTP/1.1 without TLS, original scheme, host and port in each request's target.</summary>
    public IPEndPoint Seam => _seam.Value;

    /// <summary>The fake that clients reach as an HTTP proxy (absolute-form requests).</summary>
    public IPEndPoint Proxy => _proxy.Value;

    /// <summary>The fakes of a scope (made on first use).</summary>
    public static SeamListeners For(MocketServer server) => server.GetState(static s => new SeamListeners(s));

    public static bool IsOwnPort(int port) => s_ownPorts.ContainsKey(port);

    public void Dispose()
    {
        foreach (var listener in new[] { _seam, _proxy })
        {
            if (listener.IsValueCreated)
            {
                s_ownPorts.TryRemove(listener.Value.Port, out _);
            }
        }
    }

    private static IPEndPoint Start(MocketServer server, HttpMockProtocol protocol)
    {
        var endpoint = server.Listen(new MocketLocation(Placeholder, 80), protocol);
        s_ownPorts[endpoint.Port] = true;
        return endpoint;
    }
}
