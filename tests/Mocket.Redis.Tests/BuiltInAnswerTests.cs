using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Redis.Tests;

/// <summary>The session's own answers, byte for byte, over a raw in-memory connection.</summary>
public class BuiltInAnswerTests
{
    private static async Task<string> ExchangeAsync(Stream stream, byte[] request, int expectedLength)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.WriteAsync(request, timeout.Token);
        var buffer = new byte[expectedLength];
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return Encoding.Latin1.GetString(buffer);
    }

    private static Task<string> ExchangeAsync(Stream stream, string request, string expected) =>
        ExchangeAsync(stream, Encoding.UTF8.GetBytes(request), Encoding.UTF8.GetByteCount(expected));

    [Fact]
    public async Task ECHO_returns_its_argument_byte_for_byte()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        await using var stream = MocketServer.For(scope).Connect(new MocketLocation("localhost", 6379), RedisMockProtocol.Instance);
        byte[] payload = [0x00, 0xff, 0x0d, 0x0a, 0x80, 0x24];
        byte[] request = [.. "*2\r\n$4\r\nECHO\r\n$6\r\n"u8, .. payload, .. "\r\n"u8];

        var reply = await ExchangeAsync(stream, request, 12);

        Assert.Equal("$6\r\n" + Encoding.Latin1.GetString(payload) + "\r\n", reply);
        Assert.Empty(scope.Requests);
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task HELLO_negotiates_the_protocol_and_refuses_unknown_versions()
    {
        using var scope = Mocket.Enable();
        await using var stream = MocketServer.For(scope).Connect(new MocketLocation("localhost", 6379), RedisMockProtocol.Instance);

        Assert.Equal("-NOPROTO unsupported protocol version\r\n", await ExchangeAsync(stream, "HELLO 4\r\n", "-NOPROTO unsupported protocol version\r\n"));
        const string hello3 = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.4.0\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";
        Assert.Equal(hello3, await ExchangeAsync(stream, "HELLO 3\r\n", hello3));
        Assert.Equal("_\r\n", await ExchangeAsync(stream, "GET __Booksleeve_TieBreak\r\n", "_\r\n"));
        Assert.Equal(":1\r\n", await ExchangeAsync(stream, "CLIENT ID\r\n", ":1\r\n"));
    }

    [Fact]
    public async Task Subscription_replies_and_messages_have_Redis_framing()
    {
        using var scope = Mocket.Enable();
        await using var subscriber = MocketServer.For(scope).Connect(new MocketLocation("localhost", 6379), RedisMockProtocol.Instance);
        await using var publisher = MocketServer.For(scope).Connect(new MocketLocation("localhost", 6379), RedisMockProtocol.Instance);

        const string subscribed = "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n";
        Assert.Equal(subscribed, await ExchangeAsync(subscriber, "SUBSCRIBE a b\r\n", subscribed));
        Assert.Equal(":1\r\n", await ExchangeAsync(publisher, "PUBLISH b hi\r\n", ":1\r\n"));

        var message = new byte[32];
        await subscriber.ReadExactlyAsync(message);
        Assert.Equal("*3\r\n$7\r\nmessage\r\n$1\r\nb\r\n$2\r\nhi\r\n", Encoding.ASCII.GetString(message));
        Assert.Equal("*2\r\n$4\r\npong\r\n$0\r\n\r\n", await ExchangeAsync(subscriber, "PING\r\n", "*2\r\n$4\r\npong\r\n$0\r\n\r\n"));
    }

    [Fact]
    public async Task Transaction_commands_out_of_place_get_Redis_errors()
    {
        using var scope = Mocket.Enable();
        await using var stream = MocketServer.For(scope).Connect(new MocketLocation("localhost", 6379), RedisMockProtocol.Instance);

        Assert.Equal("-ERR EXEC without MULTI\r\n", await ExchangeAsync(stream, "EXEC\r\n", "-ERR EXEC without MULTI\r\n"));
        const string nested = "+OK\r\n-ERR MULTI calls can not be nested\r\n";
        Assert.Equal(nested, await ExchangeAsync(stream, "MULTI\r\nMULTI\r\n", nested));
        const string queued = "+QUEUED\r\n*1\r\n$5\r\nhello\r\n";
        Assert.Equal(queued, await ExchangeAsync(stream, "ECHO hello\r\nEXEC\r\n", queued));
    }

    [Fact]
    public async Task A_pipeline_is_answered_in_order_across_entries_refusals_and_built_in_answers()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("GET a", "1");
        await using var stream = MocketServer.For(scope).Connect(new MocketLocation("localhost", 6379), RedisMockProtocol.Instance);
        const string expected = "$1\r\n1\r\n-ERR mocket: no entry for 'GET unknown'\r\n+PONG\r\n$1\r\n1\r\n";

        Assert.Equal(expected, await ExchangeAsync(stream, "GET a\r\nGET unknown\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n", expected));
        Assert.Single(scope.Close(throwOnViolations: false));
    }
}
