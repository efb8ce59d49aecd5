using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using MocketNet.Http.Protocol;
using MocketNet.Http.Seam;
using MocketNet.Http.Tls;
using MocketNet.Protocols;

// The global seam is installed whenever a scope opens, even in a test that never names a Mocket.Http type.
[assembly: MocketPack(typeof(MocketNet.Http.MockHttp))]

namespace MocketNet.Http;

/// <summary>
/// Registers HTTP entries on the current scope and builds HttpClients served by it. Besides clients made
/// here, the global seam (installed when this assembly loads) serves every SocketsHttpHandler-based
/// client (<c>new HttpClient()</c>, IHttpClientFactory, Refit, Flurl, RestSharp) while a scope is open
/// and has entries for the location, or is strict.
/// </summary>
public static class MockHttp
{
    static MockHttp() => HttpClientSeam.Install();

    /// <summary>Mocket's per-process CA certificate (public part), for clients that must be told whom to trust (see <see cref="CreateHandler"/> for HttpClient).</summary>
    public static X509Certificate2 CertificateAuthority
    {
        get
        {
            var policy = MocketCertificates.TrustPolicy();
            return policy.CustomTrustStore[0];
        }
    }

    /// <summary>
    /// Trusts <paramref name="root"/> (a CA certificate, or a self-signed server certificate) when the current
    /// scope passes an https request through to a real server, in addition to the platform's trusted roots:
    /// for a test origin with its own certificate. Validation stays on (the name must match; any other root
    /// is judged as usual), nothing is written to a certificate store, and it ends with the scope.
    /// </summary>
    /// <param name="root">The certificate to trust as a root; its public part is enough.</param>
    public static void TrustUpstreamRoot(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        UpstreamTrust.Add(MocketServer.For(Mocket.CurrentScope), root);
    }

    /// <summary>
    /// Serves the HTTP entries of a location on a real 127.0.0.1 endpoint, for clients Mocket cannot reach in
    /// memory (another process, a client that is handed a URL): plain HTTP, or HTTPS with a certificate from
    /// Mocket's CA when the client starts a handshake. It speaks HTTP even before entries are registered (for
    /// example to record such a client), and closes with the scope.
    /// </summary>
    /// <param name="host">The location served.</param>
    /// <param name="port">The location's port.</param>
    /// <exception cref="InvalidOperationException">No Mocket scope is open.</exception>
    public static IPEndPoint Listen(string host, int port) =>
        MocketServer.For(Mocket.CurrentScope).Listen(new MocketLocation(host, port), HttpMockProtocol.Instance);

    /// <summary>
    /// Sets the limits the current scope's fake HTTP server puts on requests (Kestrel's defaults until set), for connections
    /// opened after this call.
    /// </summary>
    /// <param name="limits">The limits, such as <c>HttpMockLimits.Default with { MaxHeaderCount = 500 }</c>.</param>
    /// <exception cref="InvalidOperationException">No Mocket scope is open.</exception>
    public static void SetLimits(HttpMockLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        MocketServer.For(Mocket.CurrentScope).GetState(static _ => new HttpLimitsState()).Limits = limits;
    }

    /// <summary>Whether the global seam serves clients Mocket did not build (false when activity propagation is disabled; see docs/http.md).</summary>
    public static bool IsGlobalSeamActive => HttpClientSeam.IsActive;

    /// <summary>Registers an entry: <paramref name="method"/> on <paramref name="uri"/> answers with <paramref name="responses"/> in order, the last one repeating.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">An absolute http:// or https:// URL; the query must match unless another overload says otherwise.</param>
    /// <param name="responses">At least one response.</param>
    public static void Register(string method, string uri, params HttpMockResponse[] responses) =>
        Mocket.Register(new HttpMockEntry(method, uri, responses));

    /// <summary>Registers an entry with the reference's options.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">An absolute http:// or https:// URL.</param>
    /// <param name="responses">At least one response.</param>
    /// <param name="matchQueryString">Whether the query must match; false ignores it.</param>
    /// <param name="canHandle">Replaces path and query matching with a function of (path, query).</param>
    public static void Register(
        string method, string uri, IEnumerable<HttpMockResponse> responses, bool matchQueryString = true,
        Func<string, IReadOnlyDictionary<string, string[]>, bool>? canHandle = null) =>
        Mocket.Register(new HttpMockEntry(method, uri, responses, matchQueryString, canHandle));

    /// <summary>Registers an entry that also requires <paramref name="when"/> of the whole request (headers, body, JSON).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">An absolute http:// or https:// URL.</param>
    /// <param name="when">The extra condition; reports show its source text.</param>
    /// <param name="responses">At least one response.</param>
    /// <param name="matchQueryString">Whether the query must match.</param>
    /// <param name="whenDescription">Filled in by the compiler.</param>
    public static void Register(
        string method, string uri, Func<HttpMockRequest, bool> when, IEnumerable<HttpMockResponse> responses, bool matchQueryString = true,
        [CallerArgumentExpression(nameof(when))] string? whenDescription = null) =>
        Mocket.Register(new HttpMockEntry(method, uri, responses, matchQueryString, canHandle: null, when, whenDescription));

    /// <summary>Registers an entry whose response is computed from each request by <paramref name="respond"/>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">An absolute http:// or https:// URL.</param>
    /// <param name="respond">Builds the response for a request.</param>
    /// <param name="matchQueryString">Whether the query must match.</param>
    public static void Register(string method, string uri, Func<HttpMockRequest, HttpMockResponse> respond, bool matchQueryString = true) =>
        Mocket.Register(new HttpMockEntry(method, uri, [HttpMockResponse.From(respond)], matchQueryString));

    /// <summary>Registers an entry: <paramref name="method"/> on <paramref name="uri"/> answers <paramref name="body"/> (UTF-8 text) with <paramref name="status"/>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">An absolute http:// or https:// URL; it may hold route parameters (<c>{id}</c>, <c>{*rest}</c>).</param>
    /// <param name="body">The body (UTF-8 text).</param>
    /// <param name="status">The status code.</param>
    public static void Register(string method, string uri, string body, int status = 200) =>
        Mocket.Register(new HttpMockEntry(method, uri, [new HttpMockResponse(body, status)]));

    /// <summary>Registers an entry with one response, or one fault when <paramref name="exception"/> is given.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">An absolute http:// or https:// URL.</param>
    /// <param name="body">The body (UTF-8 text).</param>
    /// <param name="status">The status code.</param>
    /// <param name="headers">Extra headers; names are Title-Cased.</param>
    /// <param name="exception">When given, the client's call fails with it instead.</param>
    /// <param name="matchQueryString">Whether the query must match.</param>
    /// <param name="canHandle">Replaces path and query matching with a function of (path, query).</param>
    public static void SingleRegister(
        string method, string uri, string body = "", int status = 200, IDictionary<string, string>? headers = null,
        Exception? exception = null, bool matchQueryString = true, Func<string, IReadOnlyDictionary<string, string[]>, bool>? canHandle = null) =>
        Register(method, uri, [exception is null ? new HttpMockResponse(body, status, headers) : HttpMockResponse.Throw(exception)], matchQueryString, canHandle);

    /// <summary>
    /// A handler served in memory by the current scope (bound to it: it keeps serving that scope even
    /// from other flows). http:// and https:// both work; https is real TLS with a certificate from
    /// Mocket's CA, which this handler (and nothing else) trusts.
    /// </summary>
    public static HttpMessageHandler CreateHandler() => MockHttpHandler.Create(MocketServer.For(Mocket.CurrentScope));

    /// <summary>An HttpClient over <see cref="CreateHandler"/>.</summary>
    public static HttpClient CreateClient() => new(CreateHandler(), disposeHandler: true);
}
