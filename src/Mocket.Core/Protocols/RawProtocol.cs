namespace MocketNet.Protocols;

/// <summary>The built-in protocol: each client write is one request; responses are strings (UTF-8) or byte arrays.</summary>
public sealed class RawProtocol : MocketProtocol
{
    private RawProtocol()
    {
    }

    /// <summary>The single instance.</summary>
    public static RawProtocol Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "raw";

    /// <inheritdoc />
    public override MocketProtocolSession CreateSession(MocketConnectionInfo connection) => new RawProtocolSession(connection);
}
