using System.Net;
using System.Net.Sockets;
using MocketNet.Guard;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Guard;

public class NetworkGuardTests
{
    [Fact]
    public async Task The_guard_catches_a_raw_TcpClient_connect_in_a_strict_scope_and_closing_fails_naming_it()
    {
        var port = Net.ClosedLoopbackPort();
        var scope = Mocket.Enable(new MocketOptions { Strict = true });

        using (var client = new TcpClient())
        {
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
        }

        var error = Assert.Throws<StrictMocketException>(scope.Dispose);
        Assert.Contains($"Attempted address: 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mocket.Listen", error.Message, StringComparison.Ordinal);
        Assert.Equal(MocketViolationKind.Connection, Assert.Single(error.Violations).Kind);
    }

    [Fact]
    public void The_guard_sees_a_synchronous_connect_too()
    {
        var port = Net.ClosedLoopbackPort();
        var scope = Mocket.Enable(new MocketOptions { Strict = true });

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            Assert.Throws<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
        }

        var violation = Assert.Single(scope.Close(throwOnViolations: false));
        Assert.Equal($"127.0.0.1:{port}", violation.Address);
    }

    [Fact]
    public async Task Connections_to_Mockets_own_listeners_and_its_pass_through_are_not_violations()
    {
        using var server = new LoopbackEchoServer();
        using var scope = Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1" } });
        Mocket.Register(new MocketEntry("own.test", 1, "mine"));

        var endPoint = Mocket.Listen("own.test", 1);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(endPoint);
            Assert.Equal("mine", await Net.ExchangeAsync(client.GetStream(), "hi"));
        }

        await using (var stream = Mocket.Connect("127.0.0.1", server.Port))
        {
            Assert.Equal("echo:through", await Net.ExchangeAsync(stream, "through"));
        }

        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task A_connection_made_by_another_flow_is_not_attributed_to_this_scope()
    {
        var port = Net.ClosedLoopbackPort();
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });

        Task connect;
        using (ExecutionContext.SuppressFlow())
        {
            connect = Task.Run(async () =>
            {
                using var client = new TcpClient();
                await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
            });
        }

        await connect;
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task A_client_that_retries_is_reported_once_per_address_with_its_attempts_counted()
    {
        var port = Net.ClosedLoopbackPort();
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        for (var i = 0; i < 3; i++)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
        }

        var violation = Assert.Single(scope.Close(throwOnViolations: false));
        Assert.Equal(3, violation.Attempts);
        Assert.StartsWith($"The code under test opened a real connection to 127.0.0.1:{port} (3 attempts).", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_strict_scope_records_what_the_guard_saw_without_failing()
    {
        var port = Net.ClosedLoopbackPort();
        var scope = Mocket.Enable();
        using (var client = new TcpClient())
        {
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
        }

        var violation = Assert.Single(scope.Close());
        Assert.StartsWith(
            $"The code under test opened a real connection to 127.0.0.1:{port} (the scope is not strict, so it was let through).", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InterNetwork:16:{31,144,127,0,0,1,0,0,0,0,0,0,0,0}", "127.0.0.1:8080")]
    [InlineData("InterNetworkV6:28:{0,80,0,0,0,0,0,0,0,0,0,0,0,0,0,0,255,255,10,1,2,3,0,0,0,0}", "10.1.2.3:80")]
    [InlineData("InterNetworkV6:28:{24,235,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0}", "[::1]:6379")]
    public void Socket_address_texts_from_the_runtime_parse(string text, string expected)
    {
        Assert.True(SocketAddressText.TryParse(text, out var endPoint));
        Assert.Equal(expected, endPoint.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("InterNetwork:16:{1,2}")]
    [InlineData("Unix:110:{47,116,109,112}")]
    [InlineData("InterNetwork:16:{x,1,2,3,4,5}")]
    public void Other_texts_are_not_taken_for_addresses(string text)
    {
        Assert.False(SocketAddressText.TryParse(text, out _));
    }
}
