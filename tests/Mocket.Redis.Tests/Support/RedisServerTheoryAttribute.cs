namespace MocketNet.Redis.Tests.Support;

/// <summary>A theory that needs the redis-server program; skipped, saying how to install it, when it is not on PATH.</summary>
public sealed class RedisServerTheoryAttribute : TheoryAttribute
{
    public RedisServerTheoryAttribute()
    {
        if (RedisServer.ExecutablePath is null)
        {
            Skip = RedisServer.MissingMessage;
        }
    }
}
