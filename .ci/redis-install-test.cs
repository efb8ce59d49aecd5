// The test .ci/install-test adds to a fresh xunit project that uses StackExchange.Redis @VERSION@, after
// `dotnet add package Mocket.Xunit Mocket.Redis` from the locally packed packages (@VERSION@ and @TUNNEL@ filled in).
using System.Diagnostics;
using MocketNet;
using MocketNet.Redis;
using MocketNet.Xunit;
using StackExchange.Redis;

public class RedisTests
{
    [Fact, Mocketize(Strict = true)]
    public async Task StackExchange_Redis_is_served_by_MockRedis_on_the_seam_its_version_has()
    {
        MockRedis.Register("GET user:*", "Ada");

        var loaded = FileVersionInfo.GetVersionInfo(typeof(ConnectionMultiplexer).Assembly.Location).FileVersion;
        Assert.StartsWith("@VERSION@.", loaded);
        Assert.Equal("@TUNNEL@", MockRedis.ConfigurationOptions().Tunnel?.GetType().Name);

        using var redis = await MockRedis.ConnectAsync();
        Assert.Equal("Ada", (string?)await redis.GetDatabase().StringGetAsync("user:1"));
        Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "GET");
    }
}
