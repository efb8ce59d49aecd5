namespace MocketNet.Redis.Protocol;

/// <summary>The <see cref="RedisMockLimits"/> a scope's fake Redis server enforces, once <see cref="MockRedis.SetLimits"/> has set them.</summary>
internal sealed class RedisLimitsState
{
    public RedisMockLimits Limits { get; set; } = RedisMockLimits.Default;
}
