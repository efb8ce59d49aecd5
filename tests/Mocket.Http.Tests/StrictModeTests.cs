using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests;

public class StrictModeTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task An_unregistered_request_never_reaches_the_network_and_the_call_fails_with_the_strict_exception(ClientKind kind)
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockHttp.Register("GET", "http://httpbin.local/user.agent", new HttpMockResponse("agent"));
        using var client = Clients.Create(kind);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("http://httpbin.local/ip")));

        var strict = Clients.FindInChain<StrictMocketException>(error);
        Assert.NotNull(strict);
        Assert.StartsWith(
            """
            Refused by the strict Mocket scope: no entry matches this request.
            Attempted address: httpbin.local:80
            Sent data: GET /ip HTTP/1.1
            Registered entries:
              ('httpbin.local', 80):
                HttpMockEntry(method='GET', schema='http', location=('httpbin.local', 80), path='/user.agent', query='')
                  did not match: path: expected '/user.agent', got '/ip'
            """.ReplaceLineEndings(),
            strict.Message,
            StringComparison.Ordinal);
        var closing = Assert.Throws<StrictMocketException>(scope.Dispose);
        Assert.Equal(MocketViolationKind.UnmatchedRequest, Assert.Single(closing.Violations).Kind);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_strict_scope_refuses_https_to_a_host_with_no_entries(ClientKind kind)
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        using var client = Clients.Create(kind);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("https://payments.test/charge?amount=10")));

        Assert.Contains("Attempted address: payments.test:443", Clients.FindInChain<StrictMocketException>(error)!.Message, StringComparison.Ordinal);
        Assert.Single(scope.Close(throwOnViolations: false));
    }

    [Fact]
    public async Task An_allowed_host_in_a_strict_scope_reaches_the_real_server_through_a_plain_client()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var scope = Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1" } });
        using var client = new HttpClient();

        Assert.Equal("real:/allowed", await client.GetStringAsync(new Uri(server.Address, "/allowed")));
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task The_mismatch_report_names_what_differed_for_each_entry_at_the_location()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockHttp.Register("POST", "https://api.test/users?page=1", new HttpMockResponse("created"));
        MockHttp.Register("GET", "https://api.test/users", r => r.Headers.ContainsKey("Authorization"), [new HttpMockResponse("list")]);
        using var client = MockHttp.CreateClient();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("https://api.test/users?page=2")));

        var message = Clients.FindInChain<StrictMocketException>(error)!.Message;
        Assert.Contains("did not match: method: expected POST, got GET; query: expected page=1, got page=2", message, StringComparison.Ordinal);
        Assert.Contains("did not match: query: expected (none), got page=2; matcher `r => r.Headers.ContainsKey(\"Authorization\")` returned false", message, StringComparison.Ordinal);
        scope.Close(throwOnViolations: false);
    }

    [Fact]
    public async Task In_a_non_strict_scope_an_unmatched_request_whose_pass_through_fails_explains_the_closest_entries()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://127.0.0.1:1/expected", new HttpMockResponse("x"));
        using var client = MockHttp.CreateClient();

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("http://127.0.0.1:1/other")));

        var error = Assert.Single(scope.Errors);
        Assert.Contains("No HTTP entry matched GET /other HTTP/1.1 to 127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not match: path: expected '/expected', got '/other'", error.Message, StringComparison.Ordinal);
    }
}
