using System.Net.Sockets;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Connections;

public class TrueSocketTests
{
    [Fact]
    public async Task In_a_non_strict_scope_an_unhandled_request_goes_to_the_real_server_and_its_reply_comes_back_unchanged()
    {
        using var server = new LoopbackEchoServer();
        using var scope = Mocket.Enable();

        await using var stream = Mocket.Connect("127.0.0.1", server.Port);
        Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
        Assert.Equal("echo:again", await Net.ExchangeAsync(stream, "again"));

        Assert.Equal(1, server.Connections);
        Assert.Equal(2, scope.Requests.Count);
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task Mocked_and_passed_through_requests_mix_on_one_location()
    {
        using var server = new LoopbackEchoServer();
        using var scope = Mocket.Enable();
        Mocket.Register(new OnlyEntry("127.0.0.1", server.Port, "mock me", "mocked"));

        await using var stream = Mocket.Connect("127.0.0.1", server.Port);
        Assert.Equal("mocked", await Net.ExchangeAsync(stream, "mock me"));
        Assert.Equal("echo:real", await Net.ExchangeAsync(stream, "real"));
    }

    [Fact]
    public async Task Pass_through_to_a_closed_port_fails_the_client_with_an_error_that_names_the_location()
    {
        var port = Net.ClosedLoopbackPort();
        using var scope = Mocket.Enable();

        await using var stream = Mocket.Connect("127.0.0.1", port);
        var error = await Assert.ThrowsAsync<IOException>(() => Net.ExchangeAsync(stream, "hello"));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException?.InnerException ?? error.InnerException);
        Assert.Single(scope.Errors);
    }

    [Fact]
    public async Task A_loopback_listener_passes_unhandled_requests_through_too()
    {
        using var server = new LoopbackEchoServer();
        using var scope = Mocket.Enable();
        var endPoint = Mocket.Listen("127.0.0.1", server.Port);

        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        Assert.Equal("echo:via listener", await Net.ExchangeAsync(client.GetStream(), "via listener"));
    }

    private sealed class OnlyEntry(string host, int port, string request, string response) : MocketEntry(host, port, response)
    {
        public override bool CanHandle(MocketRequest candidate) =>
            System.Text.Encoding.UTF8.GetString(candidate.Data.Span) == request;
    }
}
