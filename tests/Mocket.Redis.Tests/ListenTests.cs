using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MocketNet.Protocols;
using MocketNet.Redis.Tests.Support;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>Other clients: the same entries served on a real loopback endpoint.</summary>
public class ListenTests
{
    private static async Task<string> ExchangeAsync(NetworkStream stream, string request, int expectedLength)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), timeout.Token);
        var buffer = new byte[4096];
        var total = 0;
        while (total < expectedLength)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), timeout.Token);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    [Fact]
    public async Task A_raw_RESP_client_is_served_by_Mocket_Listen()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET foo", "bar");
        var endPoint = Mocket.Listen("localhost", 6379);

        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        var stream = client.GetStream();

        Assert.Equal("$3\r\nbar\r\n", await ExchangeAsync(stream, "*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n", 9));
        Assert.Equal("+PONG\r\n$3\r\nbar\r\n", await ExchangeAsync(stream, "PING\r\nGET foo\r\n", 16));
        var request = Assert.IsType<RedisMockRequest>(Assert.Single(Mocket.Requests, r => ((RedisMockRequest)r).Command == "GET" && r.Data.Span[0] == (byte)'*'));
        Assert.Equal(("localhost", 6379), (request.Host, request.Port));
    }

    [Fact]
    public async Task Malformed_bytes_are_answered_with_a_protocol_error_and_the_connection_closes()
    {
        using var scope = Mocket.Enable();

        // In memory: over a loopback socket Core's close can overtake the error reply (see docs/redis.md).
        await using var stream = MocketServer.For(scope).Connect(new MocketLocation("localhost", 6379), RedisMockProtocol.Instance);
        await stream.WriteAsync("*1\r\n:5\r\n"u8.ToArray());
        using var reader = new StreamReader(stream);
        var reply = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("-ERR Protocol error: expected '$' before argument 1 of a command, got ':'", reply, StringComparison.Ordinal);
        Assert.IsType<MocketNet.Redis.Codec.RespFormatException>(Assert.Single(scope.Errors));
    }

    [Fact]
    public async Task StackExchange_Redis_pointed_at_the_endpoint_speaks_RESP3_when_it_asks()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET foo", "bar");
        var endPoint = MockRedis.Listen();

        // StackExchange.Redis 3 asks for RESP3 by default, 2.x only when told (the floor run of .ci/run).
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{endPoint.Port},protocol=resp3");

        Assert.Equal(StackExchange.Redis.RedisProtocol.Resp3, redis.GetServers()[0].Protocol);
        Assert.Equal("bar", await redis.GetDatabase().StringGetAsync("foo"));
        Assert.Single(Mocket.Requests);
    }

    [Fact]
    public async Task A_tunnel_http_configuration_reaches_the_entries_through_CONNECT()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("GET foo", "through the tunnel");
        var endPoint = MockRedis.Listen();

        using var redis = await ConnectionMultiplexer.ConnectAsync($"localhost:6379,tunnel=http:127.0.0.1:{endPoint.Port}");

        Assert.Equal("through the tunnel", await redis.GetDatabase().StringGetAsync("foo"));
        Assert.Equal("GET", Assert.IsType<RedisMockRequest>(Assert.Single(Mocket.Requests)).Command);
        Assert.Empty(scope.Violations);
    }

    [RedisCliFact]
    public async Task Redis_cli_gets_the_registered_replies()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET greeting", "hello from mocket");
        MockRedis.Register("LRANGE l 0 -1", new[] { "a", "b" });
        var endPoint = MockRedis.Listen();

        Assert.Equal("hello from mocket", await RedisCliAsync(endPoint, "GET", "greeting"));
        Assert.Equal("a\nb", await RedisCliAsync(endPoint, "LRANGE", "l", "0", "-1"));
        Assert.Equal(2, Mocket.Requests.Count(r => ((RedisMockRequest)r).Command is "GET" or "LRANGE"));
    }

    [RedisCliFact]
    public async Task Redis_cli_asking_for_RESP3_gets_a_map()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.RegisterResponse("HGETALL h", new Dictionary<string, string> { ["f"] = "v" });
        var endPoint = MockRedis.Listen();

        var output = await RedisCliAsync(endPoint, "-3", "--no-raw", "HGETALL", "h");

        // redis-cli prints a RESP3 map as "key => value" lines (an array would be numbered items).
        Assert.Contains("\"f\" => \"v\"", output, StringComparison.Ordinal);
        Assert.Empty(scope.Violations);
    }

    private static async Task<string> RedisCliAsync(IPEndPoint endPoint, params string[] command)
    {
        var start = new ProcessStartInfo(RedisServer.Find("redis-cli")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", endPoint.Port.ToString(CultureInfo.InvariantCulture) }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return output.TrimEnd('\n');
    }
}
