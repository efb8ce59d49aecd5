using System.Net;
using MocketNet.Protocols;

namespace MocketNet.Http.Seam;

/// <summary>
/// The fallback seam for processes where HttpClient writes no diagnostic events: a permanent
/// <see cref="IWebProxy"/> (installed as <see cref="HttpClient.DefaultProxy"/>) consulted per request on the
/// caller's flow. http:// requests the current scope serves go to the scope's loopback fake as a proxy
/// (absolute-form request lines carry the original location); everything else, https:// included (a
/// CONNECT tunnel would need the client to trust Mocket's CA), goes where the previous proxy sent it.
/// </summary>
internal sealed class ScopeProxy(IWebProxy? inner) : IWebProxy
{
    public ICredentials? Credentials
    {
        get => inner?.Credentials;
        set
        {
            if (inner is not null)
            {
                inner.Credentials = value;
            }
        }
    }

    public Uri? GetProxy(Uri destination) =>
        TryGetFake(destination, out var fake) ? fake : inner?.GetProxy(destination);

    public bool IsBypassed(Uri host) => !TryGetFake(host, out _) && (inner?.IsBypassed(host) ?? true);

    private static bool TryGetFake(Uri destination, out Uri? fake)
    {
        fake = null;
        try
        {
            if (destination is not { IsAbsoluteUri: true, Scheme: "http" }
                || HttpClientSeam.IsOwnEndpoint(destination)
                || !MocketServer.TryGetCurrent(out var server)
                || !server.Intercepts(new MocketLocation(destination.IdnHost, destination.Port)))
            {
                return false;
            }

            fake = new Uri($"http://{SeamListeners.For(server).Proxy}/");
            return true;
        }
        catch (AmbiguousMocketScopeException)
        {
            // A proxy's exceptions are swallowed by HttpClient; with no scope to pick, the request goes direct
            // (the network guard names it).
            return false;
        }
    }
}
