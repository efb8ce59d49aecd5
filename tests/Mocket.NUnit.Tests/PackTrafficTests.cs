using MocketNet.Redis;
using NUnit.Framework;

namespace MocketNet.NUnit.Tests;

/// <summary>Real clients of the protocol packs, through the attribute.</summary>
public class PackTrafficTests
{
    [Test]
    [Mocketize(Strict = true, AssertAllEntriesServed = true)]
    public async Task StackExchange_Redis_is_served_by_the_tests_own_scope()
    {
        MockRedis.Register("GET greeting", "hello from NUnit");
        using var redis = await MockRedis.ConnectAsync();

        Assert.That((string?)await redis.GetDatabase().StringGetAsync("greeting"), Is.EqualTo("hello from NUnit"));
        Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "GET");
        Assert.That(Mocket.Requests, Has.Count.EqualTo(1));
    }
}
