using System.Text;
using MocketNet.Redis.Matching;
using MocketNet.Redis.Tests.Support;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests.Matching;

/// <summary>Arguments of a registered command may be Redis globs, and a last <c>...</c> takes any further arguments.</summary>
public class ArgumentPatternTests
{
    private static readonly string[] s_keys =
    [
        "user:1", "user:42", "user:", "users:1", "hello", "hallo", "hxllo", "hllo", "heeeello", "a*b", "a?b", "a[b", "a\\b", "x-y", "b",
        "cache:item:7:v2", "cache:item:7", "CASE", "case", "ab", "aXb",
    ];

    private static readonly string[] s_patterns =
    [
        "user:*", "h?llo", "h*llo", "h[ae]llo", "h[^e]llo", "h[a-b]llo", "h[b-a]llo", "*", "a\\*b", "a\\?b", "a[\\[]b", "a\\\\b",
        "cache:item:*:v?", "[Cc]ase", "a*", "*b", "*:*:*", "x[-]y", "a[b", "[", "",
    ];

    [RedisServerFact]
    public async Task The_glob_matches_what_redis_server_s_KEYS_matches()
    {
        using var server = new RedisServer();
        using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",allowAdmin=true");
        var db = redis.GetDatabase();
        foreach (var key in s_keys)
        {
            await db.StringSetAsync(key, "v");
        }

        foreach (var pattern in s_patterns)
        {
            var real = ((RedisResult[])(await db.ExecuteAsync("KEYS", pattern))!).Select(r => (string)r!).Order(StringComparer.Ordinal).ToList();
            var ours = s_keys.Where(k => RedisGlob.IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(k))).Order(StringComparer.Ordinal).ToList();
            Assert.True(real.SequenceEqual(ours), $"KEYS {pattern}: redis-server [{string.Join(", ", real)}], Mocket [{string.Join(", ", ours)}]");
        }
    }

    [Fact]
    public async Task A_registered_argument_may_be_a_glob()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("GET user:*", "Ada");
        MockRedis.Register("GET order:[0-9]*", "an order");
        using var redis = MockRedis.Connect();
        var db = redis.GetDatabase();

        Assert.Equal("Ada", (string?)await db.StringGetAsync("user:1"));
        Assert.Equal("Ada", (string?)await db.StringGetAsync("user:grace"));
        Assert.Equal("an order", (string?)await db.StringGetAsync("order:7"));
        await Assert.ThrowsAnyAsync<RedisException>(() => db.StringGetAsync("order:x"));
        var refusal = Assert.Single(scope.Close(throwOnViolations: false));

        Assert.True(refusal.Message.Contains("argument 1 is order:x, which does not match the pattern order:[0-9]*", StringComparison.Ordinal), refusal.Message);
    }

    [Fact]
    public void A_last_ellipsis_takes_any_further_arguments_none_included()
    {
        var entry = new RedisMockEntry("localhost", 6379, "HSET cache:* ...", [1L]);

        Assert.True(entry.MatchesFurtherArguments);
        Assert.True(entry.CanHandle(Request("HSET", "cache:a")));
        Assert.True(entry.CanHandle(Request("HSET", "cache:a", "absexp", "638700000000000000", "data", "payload")));
        Assert.False(entry.CanHandle(Request("HSET")));
        Assert.Equal("0 argument(s) sent, at least 1 expected", entry.ExplainMismatch(Request("HSET")));
        Assert.False(entry.CanHandle(Request("HSET", "other:a", "x")));
    }

    [Fact]
    public void Escaped_metacharacters_and_an_escaped_ellipsis_match_themselves()
    {
        var star = new RedisMockEntry("localhost", 6379, @"GET 'a\*'", ["x"]);
        var dots = new RedisMockEntry("localhost", 6379, @"ECHO '\...'", ["x"]);

        Assert.True(star.CanHandle(Request("GET", "a*")));
        Assert.False(star.CanHandle(Request("GET", "ab")));
        Assert.False(dots.MatchesFurtherArguments);
        Assert.True(dots.CanHandle(Request("ECHO", "...")));
        Assert.False(dots.CanHandle(Request("ECHO", "abc")));
    }

    private static RedisMockRequest Request(string command, params string[] arguments) =>
        new("localhost", 6379, Encoding.UTF8.GetBytes(string.Join(' ', arguments.Prepend(command)) + "\r\n"), command, [.. arguments.Select(Encoding.UTF8.GetBytes)]);
}
