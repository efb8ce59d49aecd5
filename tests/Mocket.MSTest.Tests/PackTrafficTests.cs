using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Redis;

namespace MocketNet.MSTest.Tests;

/// <summary>Real clients of the protocol packs, through the attribute.</summary>
[TestClass]
public class PackTrafficTests
{
    [Mocketize(Strict = true, AssertAllEntriesServed = true)]
    public async Task StackExchange_Redis_is_served_by_the_tests_own_scope()
    {
        MockRedis.Register("GET greeting", "hello from MSTest");
        using var redis = await MockRedis.ConnectAsync();

        Assert.AreEqual("hello from MSTest", (string?)await redis.GetDatabase().StringGetAsync("greeting"));
        Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "GET");
        Assert.HasCount(1, Mocket.Requests);
    }
}
