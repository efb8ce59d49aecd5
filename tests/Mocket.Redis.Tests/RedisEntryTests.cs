using System.Text;

namespace MocketNet.Redis.Tests;

/// <summary>The reference's RedisEntryTestCase: init, can_handle, register.</summary>
public class RedisEntryTests
{
    private static readonly byte[][] s_snowmanArguments = [Encoding.UTF8.GetBytes("snowman"), Encoding.UTF8.GetBytes("is ☃!")];

    private static RedisMockRequest Request(string command, params string[] arguments)
    {
        var tokens = arguments.Prepend(command).Select(Encoding.UTF8.GetBytes).ToList();
        var data = new StringBuilder().Append('*').Append(tokens.Count).Append("\r\n");
        foreach (var t in tokens)
        {
            data.Append('$').Append(t.Length).Append("\r\n").Append(Encoding.UTF8.GetString(t)).Append("\r\n");
        }

        return new RedisMockRequest("localhost", 6379, Encoding.UTF8.GetBytes(data.ToString()), command.ToUpperInvariant(), [.. tokens.Skip(1)]);
    }

    [Fact]
    public void A_command_is_split_like_a_shell_and_its_verb_upper_cased()
    {
        var entry = new RedisMockEntry("localhost", 6379, "set snowman \"is ☃!\"", [MockRedis.Ok]);

        Assert.Equal("SET", entry.Verb);
        Assert.Equal(s_snowmanArguments, entry.Arguments);
    }

    [Fact]
    public void An_entry_handles_the_same_tokens_only()
    {
        var entry = new RedisMockEntry("localhost", 6379, "SET snowman \"is ☃!\"", [MockRedis.Ok]);

        Assert.True(entry.CanHandle(Request("set", "snowman", "is ☃!")));
        Assert.False(entry.CanHandle(Request("SET", "snowman", "is ☃")));
        Assert.False(entry.CanHandle(Request("SET", "snowman")));
        Assert.False(entry.CanHandle(Request("GET", "snowman", "is ☃!")));
        Assert.False(entry.CanHandle(new MocketRequest("localhost", 6379, "raw"u8.ToArray())));
    }

    [Fact]
    public void A_mismatch_is_explained_by_the_part_that_differs()
    {
        var entry = new RedisMockEntry("localhost", 6379, "SET a b", [MockRedis.Ok]);

        Assert.Equal("the verb is GET, not SET", entry.ExplainMismatch(Request("GET", "a")));
        Assert.Equal("1 argument(s) sent, 2 expected", entry.ExplainMismatch(Request("SET", "a")));
        Assert.Equal("argument 2 is c, not b", entry.ExplainMismatch(Request("SET", "a", "c")));
    }

    [Fact]
    public void Register_defaults_to_localhost_6379_and_keeps_the_responses()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("SET snowman \"is ☃!\"", MockRedis.Ok);

        var entry = Assert.IsType<RedisMockEntry>(Assert.Single(scope.Entries));
        Assert.Equal(("localhost", 6379), (entry.Host, entry.Port));
        Assert.Equal("+OK\r\n"u8.ToArray(), Resp.Encode(entry.Responses[0]));
        Assert.Equal("RedisMockEntry(location=localhost:6379, command='SET snowman \"is ☃!\"', responses=1)", entry.ToString());
    }

    [Fact]
    public void RegisterResponse_takes_an_empty_reply_and_another_location()
    {
        using var scope = Mocket.Enable();
        MockRedis.RegisterResponse("SET snowman \"is ☃!\"", string.Empty, host: "cache.test", port: 7000);

        var entry = Assert.Single(scope.Entries);
        Assert.Equal(("cache.test", 7000), (entry.Host, entry.Port));
        Assert.Equal("$0\r\n\r\n"u8.ToArray(), Resp.Encode(entry.Responses[0]));
    }

    [Fact]
    public void A_typed_array_passed_alone_to_Register_is_one_list_reply()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("LRANGE l 0 -1", new[] { "a", "b" });
        MockRedis.Register("GET k", "one", "two");

        Assert.Single(scope.Entries[0].Responses);
        Assert.Equal(2, scope.Entries[1].Responses.Count);
    }

    [Fact]
    public void Bad_commands_and_replies_are_refused_at_registration()
    {
        using var scope = Mocket.Enable();
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => MockRedis.Register("  ", MockRedis.Ok)).Message, StringComparison.Ordinal);
        Assert.Contains("closing quotation", Assert.Throws<ArgumentException>(() => MockRedis.Register("SET a \"b", MockRedis.Ok)).Message, StringComparison.Ordinal);
        Assert.Contains("Response #1", Assert.Throws<ArgumentException>(() => MockRedis.Register("GET a", new object())).Message, StringComparison.Ordinal);
        Assert.Empty(scope.Entries);
    }
}
