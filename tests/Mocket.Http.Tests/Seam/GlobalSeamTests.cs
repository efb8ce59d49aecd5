using System.Net;
using Flurl.Http;
using Microsoft.Extensions.DependencyInjection;
using MocketNet.Http.Tests.Support;
using Refit;
using RestSharp;

namespace MocketNet.Http.Tests.Seam;

/// <summary>The global seam: clients the test did not build are served by the current scope.</summary>
[Collection(SerialTests.Name)]
public class GlobalSeamTests
{
    private static readonly HttpClient s_sharedClient = new();

    [Fact]
    public void The_seam_is_installed_when_mocket_http_loads()
    {
        Assert.True(MockHttp.IsGlobalSeamActive);
    }

    [Fact]
    public async Task Concurrent_scopes_sharing_one_client_each_get_their_own_answers()
    {
        async Task<int> RunFlowAsync(string name)
        {
            using var scope = Mocket.Enable();
            MockHttp.Register("GET", "https://shared.test/who", new HttpMockResponse(name));
            var served = 0;
            for (var i = 0; i < 100; i++)
            {
                Assert.Equal(name, await s_sharedClient.GetStringAsync(new Uri("https://shared.test/who")));
                served++;
            }

            Assert.Equal(100, scope.Requests.Count);
            return served;
        }

        var results = await Task.WhenAll(Task.Run(() => RunFlowAsync("alpha")), Task.Run(() => RunFlowAsync("beta")));

        Assert.Equal([100, 100], results);
    }

    [Fact]
    public async Task A_redirect_is_followed_through_the_seam_and_the_final_uri_is_the_original_one()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/private", new HttpMockResponse(status: 302, headers: new Dictionary<string, string> { ["location"] = "/login" }));
        MockHttp.Register("GET", "https://api.test/login", new HttpMockResponse("please log in"));
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri("https://api.test/private"));

        Assert.Equal("please log in", await response.Content.ReadAsStringAsync());
        Assert.Equal(new Uri("https://api.test/login"), response.RequestMessage!.RequestUri);
        Assert.Equal(["/private", "/login"], scope.Requests.Cast<HttpMockRequest>().Select(r => r.Path));
    }

    [Fact]
    public async Task A_client_first_used_before_the_scope_is_served_inside_it_and_reaches_the_real_server_after()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = new HttpClient();
        var url = new Uri(server.Address, "/thing");
        Assert.Equal("real:/thing", await client.GetStringAsync(url));

        using (var scope = Mocket.Enable())
        {
            MockHttp.Register("GET", url.ToString(), new HttpMockResponse("mocked"));
            Assert.Equal("mocked", await client.GetStringAsync(url));
        }

        Assert.Equal("real:/thing", await client.GetStringAsync(url));
    }

    [Fact]
    public async Task A_request_no_entry_matches_at_a_mocked_location_passes_through_to_the_real_server()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", new Uri(server.Address, "/mocked").ToString(), new HttpMockResponse("mocked"));
        using var client = new HttpClient();

        Assert.Equal("mocked", await client.GetStringAsync(new Uri(server.Address, "/mocked")));
        Assert.Equal("real:/other", await client.GetStringAsync(new Uri(server.Address, "/other")));
        Assert.Equal("real:/other", await client.GetStringAsync(new Uri(server.Address, "/other")));
        Assert.Equal(3, scope.Requests.Count);
    }

    [Fact]
    public async Task Handlers_with_use_proxy_false_and_http_client_handler_are_served()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://noproxy.test/", new HttpMockResponse("served"));
        using var sockets = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var classic = new HttpClient(new HttpClientHandler { UseProxy = false });

        Assert.Equal("served", await sockets.GetStringAsync(new Uri("http://noproxy.test/")));
        Assert.Equal("served", await classic.GetStringAsync(new Uri("http://noproxy.test/")));
    }

    [Fact]
    public async Task Http_client_factory_named_and_typed_clients_are_served()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://factory.test/named", new HttpMockResponse("named"));
        MockHttp.Register("GET", "https://factory.test/typed", new HttpMockResponse("typed"));
        var services = new ServiceCollection();
        services.AddHttpClient("named", c => c.BaseAddress = new Uri("https://factory.test/"));
        services.AddHttpClient<TypedClient>(c => c.BaseAddress = new Uri("https://factory.test/"));
        await using var provider = services.BuildServiceProvider();

        var named = provider.GetRequiredService<IHttpClientFactory>().CreateClient("named");
        var typed = provider.GetRequiredService<TypedClient>();

        Assert.Equal("named", await named.GetStringAsync(new Uri("named", UriKind.Relative)));
        Assert.Equal("typed", await typed.GetAsync());
    }

    [Fact]
    public async Task Refit_flurl_and_restsharp_are_served()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://libs.test/users/1", new HttpMockResponse("""{"id": 1, "name": "Ada"}""", headers: new Dictionary<string, string> { ["content-type"] = "application/json" }));

        var refit = RestService.For<IUsersApi>("https://libs.test");
        var flurl = await "https://libs.test/users/1".GetJsonAsync<User>();
        using var restClient = new RestClient("https://libs.test");
        var rest = await restClient.GetAsync<User>(new RestRequest("users/1"));

        Assert.Equal("Ada", (await refit.GetUserAsync(1)).Name);
        Assert.Equal("Ada", flurl.Name);
        Assert.Equal("Ada", rest!.Name);
        Assert.Equal(3, scope.Requests.Count);
    }

    [Fact]
    public async Task A_location_with_no_entries_in_a_non_strict_scope_is_left_alone()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://elsewhere.test/", new HttpMockResponse("x"));

        Assert.Equal("real:/untouched", await s_sharedClient.GetStringAsync(new Uri(server.Address, "/untouched")));
        Assert.Empty(scope.Requests);
    }

    public interface IUsersApi
    {
        [Get("/users/{id}")]
        Task<User> GetUserAsync(int id);
    }

    public sealed record User(int Id, string Name);

    public sealed class TypedClient(HttpClient client)
    {
        public Task<string> GetAsync() => client.GetStringAsync(new Uri("typed", UriKind.Relative));
    }
}
