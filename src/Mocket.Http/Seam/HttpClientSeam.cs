using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MocketNet.Protocols;

namespace MocketNet.Http.Seam;

/// <summary>
/// The global seam: HttpClient's <c>HttpHandlerDiagnosticListener</c> lets Mocket rewrite the URI of
/// every SocketsHttpHandler request (events <c>System.Net.Http.Request</c>/<c>Response</c> only, so no
/// tracing headers are added). While a scope is current and its policy takes the request's location
/// (<see cref="MocketServer.Intercepts"/>), the request goes to that scope's loopback fake with its
/// original scheme, host and port in the path, without TLS, as HTTP/1.1 (or as h2c when the real connection would be
/// HTTP/2); the Response event restores the
/// URI, Host and version, and raises faults and strict refusals on the caller's side.
/// </summary>
internal static class HttpClientSeam
{
    private const string ListenerName = "HttpHandlerDiagnosticListener";
    private const string RequestEvent = "System.Net.Http.Request";
    private const string ResponseEvent = "System.Net.Http.Response";
    private const string ExceptionEvent = "System.Net.Http.Exception";

    // What HttpClient says when a connection fails under a request; the seam's failures read the same.
    private const string SendFailed = "An error occurred while sending the request.";

    private static readonly ConcurrentDictionary<Guid, PendingRewrite> s_pending = new();
    private static readonly object s_lock = new();
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
            listener.Subscribe(new Observer<KeyValuePair<string, object?>>(OnEvent), static name => name is RequestEvent or ResponseEvent or ExceptionEvent);
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
        else if (e.Key == ExceptionEvent)
        {
            OnException(e.Value);
        }
    }

    private static void OnRequest(object payload)
    {
        if (PayloadReader.Get(payload, "Request") is not HttpRequestMessage { RequestUri: { IsAbsoluteUri: true } uri } request
            || uri.Scheme is not ("http" or "https")
            || PayloadReader.Get(payload, "LoggingRequestId") is not Guid id
            || !MocketServer.TryGetCurrent(out var server)
            || !server.Intercepts(new MocketLocation(uri.IdnHost, uri.Port)))
        {
            return;
        }

        var endpoint = SeamListeners.For(server).Seam;
        s_pending[id] = new PendingRewrite(request, uri, request.Headers.Host, request.Version, request.VersionPolicy, server);
        request.Headers.Host ??= uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        request.RequestUri = new Uri($"http://{endpoint}{SeamTarget.Encode(uri)}");
        if (WouldSpeakHttp2(uri, request.Version, request.VersionPolicy))
        {
            // The real connection would be HTTP/2 (ALPN, or h2c with prior knowledge): the loopback fake speaks h2c.
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        else
        {
            request.Version = HttpVersion.Version11;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
    }

    /// <summary>
    /// Whether SocketsHttpHandler would speak HTTP/2 to a server that supports it: over https when it offers h2 in ALPN
    /// (version 2.0 or higher, or a policy that allows higher); over http only with prior knowledge (2.0 and a policy that
    /// forbids falling back to 1.1).
    /// </summary>
    private static bool WouldSpeakHttp2(Uri uri, Version version, HttpVersionPolicy policy) =>
        uri.Scheme == Uri.UriSchemeHttps
            ? version.Major >= 2 || policy == HttpVersionPolicy.RequestVersionOrHigher
            : (version.Major >= 2 && policy != HttpVersionPolicy.RequestVersionOrLower);

    private static void OnResponse(object payload)
    {
        if (PayloadReader.Get(payload, "LoggingRequestId") is not Guid id || !s_pending.TryRemove(id, out var pending))
        {
            return;
        }

        pending.Restore();
        var response = PayloadReader.Get(payload, "Response") as HttpResponseMessage;
        if (response is not null && response.Headers.TryGetValues(SeamFaults.Header, out var tokens) && SeamFaults.Take(tokens.First()) is { } fault)
        {
            // The shape HttpClient gives when its connection fails under a request (as through MockHttp.CreateClient()).
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.Unknown, SendFailed, MocketServer.ConnectionFailure(fault));
        }

        if (response is null && pending.Error is { } error && pending.Server.IsClosed)
        {
            // The scope closed under the request: the loopback fake could only reset the connection; say why.
            throw new HttpRequestException(
                (error as HttpRequestException)?.HttpRequestError ?? HttpRequestError.Unknown, SendFailed,
                pending.Server.ClosedError(new MocketLocation(pending.Uri.IdnHost, pending.Uri.Port), error));
        }
    }

    private static void OnException(object payload)
    {
        if (PayloadReader.Get(payload, "Exception") is not Exception error || PayloadReader.Get(payload, "Request") is not HttpRequestMessage request)
        {
            return;
        }

        foreach (var pending in s_pending.Values)
        {
            if (ReferenceEquals(pending.Request, request))
            {
                pending.Error = error;
                return;
            }
        }
    }

    /// <summary>Whether a URI points at one of Mocket's own seam listeners.</summary>
    public static bool IsOwnEndpoint(Uri uri) => uri.IsLoopback && SeamListeners.IsOwnPort(uri.Port);
}
