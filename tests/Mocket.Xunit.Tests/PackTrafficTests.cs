using MocketNet.Redis;
using Xunit;

namespace MocketNet.Xunit.Tests;

/// <summary>Real clients of the protocol packs, through the attribute.</summary>
public class PackTrafficTests
{
    [Fact]
    [Mocketize(Strict = true, AssertAllEntriesServed = true)]
    public async Task StackExchange_Redis_is_served_by_the_tests_own_scope()
    {
        MockRedis.Register("GET greeting", "hello from xunit");
        using var redis = await MockRedis.ConnectAsync();

        Assert.Equal("hello from xunit", (string?)await redis.GetDatabase().StringGetAsync("greeting"));
        Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "GET");
        Assert.Single(Mocket.Requests);
    }
}
