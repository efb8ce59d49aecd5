using System.Buffers;
using System.Text;

namespace MocketNet.Redis.Codec;

/// <summary>Upper-cases a command's verb, reusing one string for the common verbs (no allocation per command).</summary>
internal static class RedisVerbs
{
    private const int MaxCachedLength = 16;

    private static readonly string[] s_common =
    [
        "GET", "SET", "DEL", "UNLINK", "INCR", "INCRBY", "DECR", "DECRBY", "MGET", "MSET", "EXISTS", "EXPIRE", "PEXPIRE", "TTL", "PTTL",
        "HGET", "HSET", "HMSET", "HGETALL", "HDEL", "HMGET", "HEXISTS", "HINCRBY", "LPUSH", "RPUSH", "LPOP", "RPOP", "LRANGE", "LLEN",
        "SADD", "SREM", "SMEMBERS", "SISMEMBER", "ZADD", "ZRANGE", "ZSCORE", "ZREM", "PING", "ECHO", "MULTI", "EXEC", "DISCARD",
        "WATCH", "UNWATCH", "PUBLISH", "SUBSCRIBE", "UNSUBSCRIBE", "PSUBSCRIBE", "PUNSUBSCRIBE", "HELLO", "CLIENT", "CONFIG",
        "INFO", "CLUSTER", "SENTINEL", "SELECT", "QUIT", "AUTH", "GETEX", "GETDEL", "SETEX", "EVAL", "EVALSHA", "SCAN", "TYPE",
        "KEYS", "FLUSHDB", "FLUSHALL", "EXPIREAT", "PERSIST", "APPEND", "STRLEN", "INCRBYFLOAT", "HSCAN", "ROLE", "COMMAND",
    ];

    public static string Normalize(ReadOnlySequence<byte> verb)
    {
        if (verb.IsSingleSegment)
        {
            return Normalize(verb.FirstSpan);
        }

        return verb.Length <= MaxCachedLength ? Normalize(verb.ToArray()) : Encoding.UTF8.GetString(verb).ToUpperInvariant();
    }

    public static string Normalize(ReadOnlySpan<byte> verb)
    {
        if (verb.Length <= MaxCachedLength)
        {
            Span<byte> upper = stackalloc byte[verb.Length];
            Ascii.ToUpper(verb, upper, out _);
            foreach (var known in s_common)
            {
                if (known.Length == upper.Length && Ascii.Equals(upper, known))
                {
                    return known;
                }
            }
        }

        return Encoding.UTF8.GetString(verb).ToUpperInvariant();
    }
}
