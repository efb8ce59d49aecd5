using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task HybridCache_misses_its_L2_and_writes_it_back_with_one_registration_per_command()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        // Every key under the instance name misses (HybridCache's tag keys included); the write's expiry ticks and
        // payload change on every run: any further arguments.
        MockRedis.RegisterResponse("HMGET app:* absexp sldexp", new object?[] { null, null });
        MockRedis.RegisterResponse("HGET app:* data", null);
        MockRedis.Register("HMSET app:* ...", MockRedis.Ok);
        MockRedis.Register("EXPIRE app:* ...", 1);
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o => (o.ConfigurationOptions, o.InstanceName) = (MockRedis.ConfigurationOptions(), "app:"));
        services.AddHybridCache();
        await using var provider = services.BuildServiceProvider();
        var cache = provider.GetRequiredService<HybridCache>();

        var value = await cache.GetOrCreateAsync("greeting", _ => ValueTask.FromResult("hello"));

        Assert.Equal("hello", value);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Mocket.Requests.OfType<RedisMockRequest>().Any(r => r.Command == "HMSET") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20); // HybridCache may write its L2 after it has answered
        }

        var violations = scope.Close(throwOnViolations: false);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Select(v => v.Message)));
        scope.AssertRequested<RedisMockRequest>(r => r.Command == "HMGET" && r.ArgumentsText[0] == "app:greeting", times: 1);
        scope.AssertRequested<RedisMockRequest>(r => r.Command == "HMSET" && r.ArgumentsText[0] == "app:greeting", times: 1);
    }
}
