using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;

namespace MocketNet.Http.Seam;

/// <summary>
/// The global seam: HttpClient's <c>HttpHandlerDiagnosticListener</c> lets Mocket rewrite the URI of
/// every SocketsHttpHandler request (events <c>System.Net.Http.Request</c>/<c>Response</c> only, so no
/// tracing headers are added). While a scope is current and has entries at the request's location (or
/// records, or is strict and the location is not allowed), the request goes to that scope's loopback fake with its
/// original scheme, host and port in the path, as HTTP/1.1 without TLS; the Response event restores the
/// URI, Host and version, and raises faults and strict refusals on the caller's side.
/// </summary>
internal static class HttpClientSeam
{
    private const string ListenerName = "HttpHandlerDiagnosticListener";
    private const string RequestEvent = "System.Net.Http.Request";
    private const string ResponseEvent = "System.Net.Http.Response";

    private static readonly ConcurrentDictionary<Guid, PendingRewrite> s_pending = new();
    private static readonly ConditionalWeakTable<MocketScope, IPEndPoint> s_endpoints = [];
    private static readonly object s_lock = new();
    private static readonly ConditionalWeakTable<MocketScope, IPEndPoint> s_proxyEndpoints = [];
    private static readonly ConcurrentDictionary<int, bool> s_ownPorts = new();
    private static IDisposable? s_allListeners;

    /// <summary>The switchable DefaultProxy, when the fallback is installed.</summary>
    public static IWebProxy? FallbackProxy { get; private set; }

    /// <summary>Whether the seam is installed and HttpClient writes its diagnostic events.</summary>
    public static bool IsActive => Volatile.Read(ref s_allListeners) is not null && ActivityPropagation.IsEnabled;

    /// <summary>Installs the seam once per process (idempotent).</summary>
    public static void Install()
    {
        lock (s_lock)
        {
            if (s_allListeners is not null)
            {
                return;
            }

            if (!ActivityPropagation.IsEnabled)
            {
                Trace.TraceWarning(
                    "Mocket.Http: HttpClient's activity propagation is disabled (System.Net.Http.EnableActivityPropagation=false or " +
                    "DOTNET_SYSTEM_NET_HTTP_ENABLEACTIVITYPROPAGATION=0), so the global seam cannot see `new HttpClient()` requests. " +
                    "Falling back to HttpClient.DefaultProxy: http:// requests of handlers first used after this point are served; " +
                    "https:// ones are not. Use MockHttp.CreateClient()/CreateHandler(), or re-enable activity propagation.");
                HttpClient.DefaultProxy = FallbackProxy = new ScopeProxy(HttpClient.DefaultProxy);
            }

            s_allListeners = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(OnListener));
        }
    }

    private static void OnListener(DiagnosticListener listener)
    {
        if (listener.Name == ListenerName)
        {
            listener.Subscribe(new Observer<KeyValuePair<string, object?>>(OnEvent), static name => name is RequestEvent or ResponseEvent);
        }
    }

    private static void OnEvent(KeyValuePair<string, object?> e)
    {
        if (e.Value is null)
        {
            return;
        }

        if (e.Key == RequestEvent)
        {
            OnRequest(e.Value);
        }
        else if (e.Key == ResponseEvent)
        {
            OnResponse(e.Value);
        }
    }

    private static void OnRequest(object payload)
    {
        if (PayloadReader.Get(payload, "Request") is not HttpRequestMessage { RequestUri: { IsAbsoluteUri: true } uri } request
            || uri.Scheme is not ("http" or "https")
            || PayloadReader.Get(payload, "LoggingRequestId") is not Guid id
            || !Mocket.TryGetCurrentScope(out var scope)
            || scope.IsClosed)
        {
            return;
        }

        var location = new MocketLocation(uri.IdnHost, uri.Port);
        if (!Serves(scope, location))
        {
            return;
        }

        var endpoint = EndpointFor(scope);
        s_pending[id] = new PendingRewrite(request, uri, request.Headers.Host, request.Version, request.VersionPolicy);
        request.Headers.Host ??= uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        request.RequestUri = new Uri($"http://{endpoint}{SeamTarget.Encode(uri)}");
        request.Version = HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
    }

    private static void OnResponse(object payload)
    {
        if (PayloadReader.Get(payload, "LoggingRequestId") is not Guid id || !s_pending.TryRemove(id, out var pending))
        {
            return;
        }

        pending.Restore();
        if (PayloadReader.Get(payload, "Response") is HttpResponseMessage response
            && response.Headers.TryGetValues(SeamFaults.Header, out var tokens)
            && SeamFaults.Take(tokens.First()) is { } fault)
        {
            response.Dispose();
            throw fault;
        }
    }

    /// <summary>Whether a URI points at one of Mocket's own seam listeners.</summary>
    public static bool IsOwnEndpoint(Uri uri) => uri.IsLoopback && s_ownPorts.ContainsKey(uri.Port);

    /// <summary>The scope's loopback fake that clients reach as an HTTP proxy (absolute-form requests).</summary>
    public static IPEndPoint ProxyEndpointFor(MocketScope scope) => ListenerFor(scope, s_proxyEndpoints, Protocol.HttpProtocol.Auto);

    /// <summary>
    /// Whether the scope answers for a location: it has entries there, it records or replays (every request
    /// then goes through its pump, which replays, records or passes it through), or it is strict and the
    /// location is not allowed — unless the location is one of the scope's own listeners.
    /// </summary>
    public static bool Serves(MocketScope scope, MocketLocation location)
    {
        if (IPAddress.TryParse(location.Host, out var address) && IPAddress.IsLoopback(address) && scope.IsListeningOn(new IPEndPoint(address, location.Port)))
        {
            // The client was pointed at one of the scope's listeners, which serves it already.
            return false;
        }

        foreach (var entry in scope.Entries)
        {
            if (entry.Location == location)
            {
                return true;
            }
        }

        return scope.RecordingFile is not null || (scope.Options.Strict && !scope.IsAllowed(location));
    }

    private static IPEndPoint EndpointFor(MocketScope scope) => ListenerFor(scope, s_endpoints, Protocol.HttpProtocol.Seam);

    private static IPEndPoint ListenerFor(MocketScope scope, ConditionalWeakTable<MocketScope, IPEndPoint> listeners, Protocol.HttpProtocol protocol)
    {
        lock (s_lock)
        {
            if (!listeners.TryGetValue(scope, out var endpoint))
            {
                endpoint = scope.Listen("mocket-global-seam.invalid", 80, protocol);
                listeners.Add(scope, endpoint);
                s_ownPorts[endpoint.Port] = true;
                scope.Closing.Register(static port => s_ownPorts.TryRemove((int)port!, out _), endpoint.Port);
            }

            return endpoint;
        }
    }
}
