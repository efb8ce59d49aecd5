namespace MocketNet.Protocols;

/// <summary>The built-in protocol: each client write is one request, answered with a raw entry's bytes.</summary>
public sealed class RawProtocol : MocketProtocol<MocketRequest, RawResponse>
{
    private RawProtocol()
    {
    }

    /// <summary>The single instance.</summary>
    public static RawProtocol Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "raw";

    /// <inheritdoc />
    public override MocketProtocolSession<MocketRequest, RawResponse> CreateSession(MocketConnectionInfo connection) => new RawProtocolSession(connection);
}
