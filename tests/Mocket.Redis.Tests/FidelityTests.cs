using System.Globalization;
using System.Text;
using MocketNet.Redis.Tests.Support;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>
/// The mock's encoded replies parse into the same client-side values as a real redis-server's, for a fixed
/// list of commands, in RESP2 and RESP3.
/// </summary>
public class FidelityTests
{
    /// <summary>The commands, in order (some change the real server's state), with the value the mock is given.</summary>
    private static readonly (string Command, object? MockReply)[] s_cases =
    [
        ("GET s", "hello"),
        ("GET missing", null),
        ("GET snow", "☃"),
        ("INCR n", 11),
        ("INCRBYFLOAT n 0.5", "11.5"), // a bulk string even in RESP3, unlike ZSCORE's double
        ("EXISTS s", 1),
        ("TTL s", -1),
        ("SET k v", MockRedis.Ok),
        ("TYPE l", MockRedis.Status("list")),
        ("LRANGE l 0 -1", new[] { "a", "b", "c" }),
        ("LRANGE empty 0 -1", Array.Empty<string>()),
        ("HGETALL h", new Dictionary<string, string> { ["f1"] = "v1", ["f2"] = "v2" }),
        ("HMGET h f1 nope", new object?[] { "v1", null }),
        ("SMEMBERS set", new HashSet<string> { "x" }),
        ("ZSCORE z m", 1.5),
        ("INCR s", MockRedis.Error("ERR value is not an integer or out of range")),
    ];

    [RedisServerTheory]
    [InlineData("resp2")]
    [InlineData("resp3")]
    public async Task Mocked_replies_parse_like_the_real_servers(string protocol)
    {
        using var server = new RedisServer();
        using var real = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},protocol={protocol}");
        var realDb = real.GetDatabase();
        await realDb.StringSetAsync("s", "hello");
        await realDb.StringSetAsync("snow", "☃");
        await realDb.StringSetAsync("n", 10);
        await realDb.ListRightPushAsync("l", ["a", "b", "c"]);
        await realDb.HashSetAsync("h", [new HashEntry("f1", "v1"), new HashEntry("f2", "v2")]);
        await realDb.SetAddAsync("set", "x");
        await realDb.SortedSetAddAsync("z", "m", 1.5);

        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        foreach (var (command, reply) in s_cases)
        {
            MockRedis.RegisterResponse(command, reply);
        }

        using var mock = await MockRedis.ConnectAsync($"localhost:6379,protocol={protocol}");
        var mockDb = mock.GetDatabase();
        Assert.Equal(real.GetServers()[0].Protocol, mock.GetServers()[0].Protocol);

        foreach (var (command, _) in s_cases)
        {
            var tokens = command.Split(' ');
            var expected = await RenderAsync(realDb, tokens);
            var actual = await RenderAsync(mockDb, tokens);
            Assert.True(expected == actual, $"{command} ({protocol}): real server gave {expected}, mock gave {actual}");
        }

        Assert.Empty(scope.Violations);
    }

    private static async Task<string> RenderAsync(IDatabase db, string[] tokens)
    {
        try
        {
            return Render(await db.ExecuteAsync(tokens[0], tokens.Skip(1).Cast<object>().ToArray()));
        }
        catch (RedisServerException ex)
        {
            return "error: " + ex.Message;
        }
    }

    private static string Render(RedisResult result)
    {
        var text = new StringBuilder().Append(result.Resp3Type).Append('/').Append(result.Resp2Type);
        if (result.IsNull)
        {
            return text.Append(" null").ToString();
        }

        return result.Resp2Type == ResultType.Array
            ? text.Append(" [").AppendJoin(", ", ((RedisResult[])result!).Select(Render)).Append(']').ToString()
            : text.Append(' ').Append(CultureInfo.InvariantCulture, $"{result}").ToString();
    }
}
