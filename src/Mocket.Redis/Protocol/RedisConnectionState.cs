namespace MocketNet.Redis.Protocol;

/// <summary>
/// What a Redis connection has negotiated and selected, as a server keeps it per client: the RESP version,
/// the client's id and name, the database, the credentials, its subscriptions and its MULTI block. The
/// built-in commands change it; entries' replies are encoded in its protocol.
/// </summary>
internal sealed class RedisConnectionState(long clientId)
{
    /// <summary>The RESP version spoken: 2 until the client sends <c>HELLO 3</c>.</summary>
    public int Protocol { get; private set; } = 2;

    public long ClientId { get; } = clientId;

    public string? ClientName { get; set; }

    /// <summary>The database the client selected (SELECT), carried to the real server on pass-through.</summary>
    public int Database { get; private set; }

    /// <summary>The user name the client authenticated with (AUTH, HELLO … AUTH), if it gave one.</summary>
    public byte[]? AuthUser { get; private set; }

    /// <summary>The password the client authenticated with, carried to the real server on pass-through.</summary>
    public byte[]? AuthPassword { get; private set; }

    public Subscriptions Subscriptions { get; } = new();

    public Transaction Transaction { get; } = new();

    /// <summary>The state a passed-through command must be sent in.</summary>
    public UpstreamState Upstream => new(Protocol, AuthUser, AuthPassword, Database);

    public void UseProtocol(int version) => Protocol = version;

    public void Select(int database) => Database = database;

    public void Authenticate(byte[]? user, byte[] password) => (AuthUser, AuthPassword) = (user, password);

    /// <summary>RESET: back to a new connection's state (subscriptions are dropped by the caller, which answers for them).</summary>
    public void Reset()
    {
        Transaction.End();
        Protocol = 2;
        Database = 0;
        (AuthUser, AuthPassword) = (null, null);
    }
}
