using System.Net.Http.Json;
using System.Net.Security;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests;

/// <summary>The reference suite's tests/test_https.py cases (those that need no network), over both clients.</summary>
public class ReferenceHttpsTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Json_over_https_is_served(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "https://testme.org/json", body: """{"integer": 1, "string": "asd", "boolean": false}""",
            headers: new Dictionary<string, string> { ["content-type"] = "application/json" });
        using var client = Clients.Create(kind);

        var body = await client.GetFromJsonAsync<Payload>(new Uri("https://testme.org/json"));

        Assert.Equal(new Payload(1, "asd", false), body);
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Scheme == "https" && r.Port == 443 && r.Host == "testme.org");
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task An_exception_from_single_register_over_https_makes_the_call_throw(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "https://github.com/fluidicon.png", exception: new IOException("connection reset"));
        using var client = Clients.Create(kind);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("https://github.com/fluidicon.png")));

        Assert.Equal("connection reset", Clients.FindInChain<IOException>(error, e => e.Message == "connection reset")?.Message);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Can_handle_over_https_picks_by_path_and_query(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "https://httpbin.org", body: """{"message": "Nope... not this time!"}""", canHandle: (path, query) => path == "/ip" && query.Count > 0);
        MockHttp.SingleRegister("GET", "https://httpbin.org", body: """{"message": "There you go!"}""", canHandle: (path, query) => path == "/ip" && query.Count == 0);
        using var client = Clients.Create(kind);

        var body = await client.GetFromJsonAsync<Dictionary<string, string>>(new Uri("https://httpbin.org/ip"));

        Assert.Equal("There you go!", body!["message"]);
    }

    [Fact]
    public async Task The_explicit_handler_speaks_real_tls_that_only_mockets_ca_makes_trusted()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "https://secure.test/", body: "tls");

        // A client that trusts only the machine's roots refuses Mocket's certificate: nothing was installed anywhere.
        await using var raw = scope.Connect("secure.test", 443);
        await using var tls = new SslStream(raw);
        await Assert.ThrowsAsync<System.Security.Authentication.AuthenticationException>(
            () => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "secure.test" }));

        using var client = MockHttp.CreateClient();
        Assert.Equal("tls", await client.GetStringAsync(new Uri("https://secure.test/")));
    }

    [Fact]
    public async Task A_listener_reads_the_host_from_the_client_hello_sni_and_serves_https()
    {
        using var scope = Mocket.Enable();
        MockHttp.SingleRegister("GET", "https://sni.test/hello", body: "hi over a real socket");
        var endpoint = scope.Listen("sni.test", 443);
        using var handler = new SocketsHttpHandler
        {
            ActivityHeadersPropagator = null, // out of the global seam's reach: this client must really use the listener
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = TrustOnlyMocket() },
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(endpoint, cancel);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler);

        Assert.Equal("hi over a real socket", await client.GetStringAsync(new Uri("https://sni.test/hello")));
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Scheme == "https" && r.Host == "sni.test");
    }

    private static System.Security.Cryptography.X509Certificates.X509ChainPolicy TrustOnlyMocket()
    {
        var policy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
        {
            TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
            RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(MockHttp.CertificateAuthority);
        return policy;
    }

    private sealed record Payload(int Integer, string String, bool Boolean);
}
