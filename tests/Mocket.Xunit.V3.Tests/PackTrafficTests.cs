using MocketNet.Http;
using MocketNet.Redis;
using Xunit;

namespace MocketNet.Xunit.V3.Tests;

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

    [Fact]
    [Mocketize(Strict = true)]
    public async Task A_plain_HttpClient_is_served_over_https_by_the_tests_own_scope()
    {
        MockHttp.SingleRegister("GET", "https://api.test/users/1", body: "{\"id\": 1}");
        using var client = new HttpClient();

        Assert.Equal("{\"id\": 1}", await client.GetStringAsync("https://api.test/users/1", TestContext.Current.CancellationToken));
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == "GET" && r.Path == "/users/1" && r.Port == 443);
    }

    [Fact]
    [Mocketize]
    public void A_sync_test_uses_MockHttp_CreateClient()
    {
        MockHttp.SingleRegister("POST", "http://api.test/orders", body: "created", status: 201);
        using var client = MockHttp.CreateClient();
        using var response = client.Send(new HttpRequestMessage(HttpMethod.Post, "http://api.test/orders") { Content = new StringContent("{}") }, TestContext.Current.CancellationToken);

        Assert.Equal(201, (int)response.StatusCode);
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.BodyText == "{}");
    }
}
