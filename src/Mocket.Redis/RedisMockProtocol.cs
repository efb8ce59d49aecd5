using MocketNet.Protocols;
using MocketNet.Redis.Server;

namespace MocketNet.Redis;

/// <summary>
/// The Redis protocol (RESP) for Mocket connections: commands are cut from the byte stream, answered
/// from <see cref="RedisMockEntry"/> entries, and the client's handshake and housekeeping (HELLO, CLIENT,
/// CONFIG GET, INFO, PING, ECHO, SELECT, pub/sub, MULTI/EXEC) are answered by built-in defaults.
/// </summary>
public sealed class RedisMockProtocol : MocketProtocol
{
    private RedisMockProtocol()
    {
    }

    /// <summary>The single instance.</summary>
    public static RedisMockProtocol Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "resp";

    /// <inheritdoc />
    public override MocketProtocolSession CreateSession(MocketConnectionInfo connection) => new RedisProtocolSession(connection);
}
