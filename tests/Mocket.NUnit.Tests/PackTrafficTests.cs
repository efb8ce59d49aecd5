using MocketNet.Http;
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

    [Test]
    [Mocketize(Strict = true)]
    public async Task A_plain_HttpClient_is_served_over_https_by_the_tests_own_scope()
    {
        MockHttp.SingleRegister("GET", "https://api.test/users/1", body: "{\"id\": 1}");
        using var client = new HttpClient();

        Assert.That(await client.GetStringAsync("https://api.test/users/1"), Is.EqualTo("{\"id\": 1}"));
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == "GET" && r.Path == "/users/1" && r.Port == 443);
    }

    [Test]
    [Mocketize]
    public void A_sync_test_uses_MockHttp_CreateClient()
    {
        MockHttp.SingleRegister("POST", "http://api.test/orders", body: "created", status: 201);
        using var client = MockHttp.CreateClient();
        using var response = client.Send(new HttpRequestMessage(HttpMethod.Post, "http://api.test/orders") { Content = new StringContent("{}") });

        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.BodyText == "{}");
    }
}
