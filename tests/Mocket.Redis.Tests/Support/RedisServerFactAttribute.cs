namespace MocketNet.Redis.Tests.Support;

/// <summary>A fact that needs the redis-server program; skipped, saying how to install it, when it is not on PATH.</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (RedisServer.ExecutablePath is null)
        {
            Skip = RedisServer.MissingMessage;
        }
    }
}
