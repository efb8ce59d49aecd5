namespace MocketNet.Redis.Tests.Support;

/// <summary>A fact that needs the redis-cli program; skipped, saying how to install it, when it is not on PATH.</summary>
public sealed class RedisCliFactAttribute : FactAttribute
{
    public RedisCliFactAttribute()
    {
        if (RedisServer.Find("redis-cli") is null)
        {
            Skip = "redis-cli is not installed: install it with `apt-get install -y redis-tools` (Debian/Ubuntu) to run this test.";
        }
    }
}
