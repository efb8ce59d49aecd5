using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Http;
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

    [Mocketize(Strict = true)]
    public async Task A_plain_HttpClient_is_served_over_https_by_the_tests_own_scope()
    {
        MockHttp.SingleRegister("GET", "https://api.test/users/1", body: "{\"id\": 1}");
        using var client = new HttpClient();

        Assert.AreEqual("{\"id\": 1}", await client.GetStringAsync("https://api.test/users/1"));
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == "GET" && r.Path == "/users/1" && r.Port == 443);
    }

    [Mocketize]
    public void A_sync_test_uses_MockHttp_CreateClient()
    {
        MockHttp.SingleRegister("POST", "http://api.test/orders", body: "created", status: 201);
        using var client = MockHttp.CreateClient();
        using var response = client.Send(new HttpRequestMessage(HttpMethod.Post, "http://api.test/orders") { Content = new StringContent("{}") });

        Assert.AreEqual(201, (int)response.StatusCode);
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.BodyText == "{}");
    }
}
