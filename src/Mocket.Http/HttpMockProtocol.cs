using MocketNet.Http.Protocol;
using MocketNet.Http.Recording;
using MocketNet.Protocols;

namespace MocketNet.Http;

/// <summary>
/// HTTP/1.1 on Mocket's pump: requests are <see cref="HttpMockRequest"/>s, entries answer with
/// <see cref="HttpMockResponse"/>s. <see cref="Instance"/> speaks plain HTTP, or TLS when the client starts
/// a handshake (the ClientHello's SNI names the certificate): use it to serve a location that has no HTTP
/// entries yet (a location with HTTP entries speaks it already).
/// </summary>
public sealed class HttpMockProtocol : MocketProtocol<HttpMockRequest, HttpMockResponse>
{
    private HttpMockProtocol(HttpProtocolMode mode) => Mode = mode;

    /// <summary>Plain HTTP, or TLS when the client's first byte starts a handshake.</summary>
    public static HttpMockProtocol Instance { get; } = new(HttpProtocolMode.Auto);

    /// <inheritdoc />
    public override string Name => "http";

    /// <inheritdoc />
    public override MocketRecordingRules RecordingRules => HttpRecordingRules.Instance;

    /// <summary>Plain HTTP: an explicit handler's http:// connection.</summary>
    internal static HttpMockProtocol Plain { get; } = new(HttpProtocolMode.Plain);

    /// <summary>TLS for the connection's host: an explicit handler's https:// connection.</summary>
    internal static HttpMockProtocol Tls { get; } = new(HttpProtocolMode.Tls);

    /// <summary>The global seam's loopback listener: each request's target carries its original scheme, host and port.</summary>
    internal static HttpMockProtocol Seam { get; } = new(HttpProtocolMode.Seam);

    internal HttpProtocolMode Mode { get; }

    /// <inheritdoc />
    public override MocketProtocolSession<HttpMockRequest, HttpMockResponse> CreateSession(MocketConnectionInfo connection) =>
        new HttpMockSession(connection, Mode);
}
