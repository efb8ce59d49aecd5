using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;

namespace MocketNet.Redis.Tests;

public class DistributedCacheTests
{
    [Fact]
    public async Task RedisCache_reads_a_mocked_hash_through_IDistributedCache()
    {
        using var scope = Mocket.Enable();
        using var cache = new RedisCache(new RedisCacheOptions
        {
            ConfigurationOptions = MockRedis.ConfigurationOptions(),
            InstanceName = "app:",
        });

        // RedisCache stores each entry as a hash and reads it with HMGET absexp sldexp data.
        MockRedis.RegisterResponse("HMGET app:greeting absexp sldexp data", new object?[] { -1, -1, "hello"u8.ToArray() });

        IDistributedCache distributed = cache;
        var value = await distributed.GetStringAsync("greeting");

        Assert.Equal("hello", value);
        var request = Assert.IsType<RedisMockRequest>(Assert.Single(Mocket.Requests));
        Assert.Equal("HMGET", request.Command);
    }

    [Fact]
    public async Task A_cache_miss_is_a_hash_of_nils()
    {
        using var scope = Mocket.Enable();
        using var cache = new RedisCache(new RedisCacheOptions { ConfigurationOptions = MockRedis.ConfigurationOptions() });
        MockRedis.RegisterResponse("HMGET missing absexp sldexp data", new object?[] { null, null, null });

        Assert.Null(await cache.GetAsync("missing"));
    }

    [Fact]
    public async Task SetString_is_a_transaction_whose_HMSET_is_logged()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("HMSET app:k absexp -1 sldexp -1 data v", MockRedis.Ok);
        using var cache = new RedisCache(new RedisCacheOptions { ConfigurationOptions = MockRedis.ConfigurationOptions(), InstanceName = "app:" });

        await cache.SetStringAsync("k", "v");

        // MULTI and EXEC are answered built-in; only the command inside the transaction is logged.
        Assert.Equal("HMSET app:k absexp -1 sldexp -1 data v", Assert.IsType<RedisMockRequest>(Assert.Single(Mocket.Requests)).Text);
        Assert.Empty(scope.Violations);
    }
}
