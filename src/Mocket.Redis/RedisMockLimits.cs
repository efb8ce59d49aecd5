namespace MocketNet.Redis;

/// <summary>
/// The limits Mocket's fake Redis server puts on commands, redis-server's defaults unless set. A command over one is
/// answered <c>-ERR Protocol error: ...</c> naming the limit, its connection closed (as redis-server does), and a
/// <see cref="Codec.RespFormatException"/> kept in the scope's errors. Set them for the current scope with
/// <see cref="MockRedis.SetLimits"/>, before the client connects.
/// </summary>
public sealed record RedisMockLimits
{
    /// <summary>redis-server's defaults.</summary>
    public static RedisMockLimits Default { get; } = new();

    /// <summary>The largest argument, in bytes: redis-server's proto-max-bulk-len, 512 MiB.</summary>
    public long MaxBulkLength { get; init => field = value is > 0 and <= 512L * 1024 * 1024 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A bulk length limit is 1 byte to 512 MiB (redis-server's proto-max-bulk-len)."); } = 512L * 1024 * 1024;

    /// <summary>The most arguments in one command (the verb included): redis-server's 1,048,576.</summary>
    public int MaxArguments { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A command has at least one argument."); } = 1024 * 1024;

    /// <summary>The longest inline command, in bytes: redis-server's 64 KiB.</summary>
    public int MaxInlineLength { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "An inline command limit is at least 1 byte."); } = 64 * 1024;
}
