using MocketNet.Protocols;
using MocketNet.Redis.Protocol;
using MocketNet.Redis.Recording;

namespace MocketNet.Redis;

/// <summary>
/// The Redis protocol (RESP) for Mocket connections: commands are cut from the byte stream into
/// <see cref="RedisMockRequest"/>s, answered from <see cref="RedisMockEntry"/> entries with
/// <see cref="RedisMockResponse"/>s, and the client's handshake and housekeeping (HELLO, CLIENT, CONFIG GET,
/// INFO, PING, ECHO, SELECT, pub/sub, MULTI/EXEC) are answered by built-in defaults.
/// </summary>
public sealed class RedisMockProtocol : MocketProtocol<RedisMockRequest, RedisMockResponse>
{
    private RedisMockProtocol()
    {
    }

    /// <summary>The single instance.</summary>
    public static RedisMockProtocol Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "resp";

    /// <inheritdoc />
    public override MocketRecordingRules RecordingRules => RedisRecordingRules.Instance;

    /// <inheritdoc />
    public override MocketProtocolSession<RedisMockRequest, RedisMockResponse> CreateSession(MocketConnectionInfo connection) => new RedisMockSession(connection);
}
