namespace MocketNet.Http.Tls;

/// <summary>What a TLS ClientHello says about where the client is going: its SNI host name and the ALPN protocols it offers.</summary>
internal sealed class ClientHello(string? serverName, IReadOnlyList<string> applicationProtocols)
{
    public string? ServerName { get; } = serverName;

    public IReadOnlyList<string> ApplicationProtocols { get; } = applicationProtocols;
}
