using System.Net;
using System.Net.Sockets;
using MocketNet.Protocols;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Connections;

public class ListenTests
{
    [Fact]
    public async Task Listen_serves_the_location_on_a_loopback_endpoint_exactly_like_Connect()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("smtp.test", 25, "220 hello", "250 ok"));

        var endPoint = Mocket.Listen("smtp.test", 25);
        Assert.Equal(IPAddress.Loopback, endPoint.Address);
        Assert.NotEqual(25, endPoint.Port);

        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        var stream = client.GetStream();
        Assert.Equal("220 hello", await Net.ExchangeAsync(stream, "EHLO me"));
        Assert.Equal("250 ok", await Net.ExchangeAsync(stream, "MAIL FROM:<a@b>"));

        var last = Mocket.LastRequest!;
        Assert.Equal(("smtp.test", 25), (last.Host, last.Port));
    }

    [Fact]
    public async Task An_exception_response_resets_a_loopback_connection()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("reset.test", 1, new InvalidOperationException("nope")));
        var endPoint = Mocket.Listen("reset.test", 1);

        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        await Assert.ThrowsAnyAsync<IOException>(() => Net.ExchangeAsync(client.GetStream(), "hi"));
    }

    [Fact]
    public async Task The_listener_closes_with_its_scope()
    {
        IPEndPoint endPoint;
        using (var scope = Mocket.Enable())
        {
            endPoint = scope.Listen("gone.test", 1);
        }

        using var client = new TcpClient();
        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(endPoint));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public void A_scope_knows_its_own_listeners_and_forgets_them_when_it_closes()
    {
        var scope = Mocket.Enable();
        var endPoint = scope.Listen("mine.test", 1);
        using (var other = Mocket.Enable())
        {
            Assert.False(MocketServer.For(other).IsListeningOn(endPoint));
        }

        Assert.True(MocketServer.For(scope).IsListeningOn(endPoint));
        Assert.False(MocketServer.For(scope).IsListeningOn(new IPEndPoint(IPAddress.Loopback, endPoint.Port == 1 ? 2 : 1)));
        scope.Close();
        Assert.False(MocketServer.For(scope).IsListeningOn(endPoint));
    }
}
