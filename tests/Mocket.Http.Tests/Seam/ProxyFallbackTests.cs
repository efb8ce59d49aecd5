using System.Net;
using MocketNet.Http.Seam;

namespace MocketNet.Http.Tests.Seam;

/// <summary>
/// The DefaultProxy fallback used when activity propagation is disabled, exercised in-process on a handler
/// that has no diagnostics handler (ActivityHeadersPropagator = null) and the fallback proxy as its proxy.
/// </summary>
public class ProxyFallbackTests
{
    [Fact]
    public async Task Http_requests_the_scope_serves_go_through_the_proxy_to_the_scopes_fake()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://proxied.test/items?page=2", new HttpMockResponse("via proxy"));
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, Proxy = new ScopeProxy(inner: null), UseProxy = true });

        Assert.Equal("via proxy", await client.GetStringAsync(new Uri("http://proxied.test/items?page=2")));

        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Host == "proxied.test" && r.Port == 80 && r.Path == "/items" && r.QueryString == "page=2");
    }

    [Fact]
    public void Https_and_locations_the_scope_does_not_serve_bypass_the_proxy()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://secure.test/", new HttpMockResponse("x"));
        MockHttp.Register("GET", "http://plain.test/", new HttpMockResponse("x"));
        var proxy = new ScopeProxy(inner: null);

        Assert.True(proxy.IsBypassed(new Uri("https://secure.test/")));
        Assert.True(proxy.IsBypassed(new Uri("http://other.test/")));
        Assert.False(proxy.IsBypassed(new Uri("http://plain.test/")));
    }

    [Fact]
    public async Task A_strict_refusal_through_the_proxy_is_a_502_whose_body_is_the_report_and_is_recorded()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, Proxy = new ScopeProxy(inner: null), UseProxy = true });

        using var response = await client.GetAsync(new Uri("http://unregistered.test/x"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Attempted address: unregistered.test:80", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(scope.Close(throwOnViolations: false));
    }
}
