using MocketNet.Protocols;

namespace MocketNet.Http.Protocol;

/// <summary>HTTP/1.1 on Core's pump; one instance per way a connection starts.</summary>
internal sealed class HttpProtocol : MocketProtocol
{
    private HttpProtocol(HttpProtocolMode mode) => Mode = mode;

    public static HttpProtocol Auto { get; } = new(HttpProtocolMode.Auto);

    public static HttpProtocol Plain { get; } = new(HttpProtocolMode.Plain);

    public static HttpProtocol Tls { get; } = new(HttpProtocolMode.Tls);

    public static HttpProtocol Seam { get; } = new(HttpProtocolMode.Seam);

    public HttpProtocolMode Mode { get; }

    public override string Name => "http";

    public override MocketProtocolSession CreateSession(MocketConnectionInfo connection) => new HttpProtocolSession(connection, Mode);
}
