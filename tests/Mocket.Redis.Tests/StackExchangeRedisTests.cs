using System.Diagnostics;
using System.Text;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>StackExchange.Redis served in memory: handshake, strict mode, pipelining, transactions, RESP3.</summary>
public class StackExchangeRedisTests
{
    [Fact]
    public async Task Connect_is_answered_by_built_in_defaults_and_only_the_GET_is_logged()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("GET foo", "bar");

        var clock = Stopwatch.StartNew();
        using var redis = await MockRedis.ConnectAsync();
        clock.Stop();

        Assert.True(redis.IsConnected);
        Assert.Equal("bar", await redis.GetDatabase().StringGetAsync("foo"));
        var request = Assert.IsType<RedisMockRequest>(Assert.Single(Mocket.Requests));
        Assert.Equal("GET", request.Command);
        Assert.Empty(scope.Violations);

        // No handshake step may fall back on a timeout (StackExchange.Redis' connect timeout is 5 s).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Connect took {clock.Elapsed}.");
        Assert.Equal(StackExchange.Redis.RedisProtocol.Resp2, redis.GetServers()[0].Protocol);
        Assert.Equal(ServerType.Standalone, redis.GetServers()[0].ServerType);
    }

    [Fact]
    public async Task AssertLastRequest_reads_like_the_reference()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("SET k v", MockRedis.Ok);
        using var redis = MockRedis.Connect();

        await redis.GetDatabase().StringSetAsync("k", "v");

        Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "SET" && r.ArgumentsText[0] == "k");
    }

    [Fact]
    public async Task A_user_registration_overrides_a_built_in_answer()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("ECHO hello", "overridden");
        using var redis = await MockRedis.ConnectAsync();

        var echo = await redis.GetDatabase().ExecuteAsync("ECHO", "hello");
        MockRedis.Register("PING", MockRedis.Error("ERR pinged"));
        var ping = await Assert.ThrowsAsync<RedisServerException>(() => redis.GetDatabase().PingAsync());

        Assert.Equal("overridden", (string?)echo);
        // When a PING the client sends on its own (to check the connection) meets the error first, the client takes the
        // connection down with that reply and fails the test's PING with it, named by its RESP type ("SimpleError: ERR
        // pinged"): it would with a real server too (about one full run of the Redis tests in twenty).
        Assert.EndsWith("ERR pinged", ping.Message, StringComparison.Ordinal);

        // The client's own handshake ECHO (a random payload) is still answered by the default and not logged.
        // Once PING is registered, the client's keep-alive PINGs are served (and logged) by that entry too.
        Assert.Equal("ECHO", Mocket.Requests.Cast<RedisMockRequest>().First().Command);
        Assert.All(Mocket.Requests.Cast<RedisMockRequest>().Skip(1), r => Assert.Equal("PING", r.Command));
    }

    [Fact]
    public async Task A_strict_scope_answers_an_unregistered_command_with_an_error_and_fails_on_close()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("GET known", "yes");
        using (var redis = await MockRedis.ConnectAsync())
        {
            var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.GetDatabase().StringGetAsync("unknown"));
            Assert.Equal("ERR mocket: no entry for 'GET unknown'", error.Message);

            // The connection stays usable.
            Assert.Equal("yes", await redis.GetDatabase().StringGetAsync("known"));
        }

        var closing = Assert.Throws<StrictMocketException>(() => scope.Close());
        Assert.Contains("Sent data: GET unknown", closing.Message, StringComparison.Ordinal);
        Assert.Contains("RedisMockEntry(location=localhost:6379, command='GET known'", closing.Message, StringComparison.Ordinal);
        Assert.Contains("did not match: argument 1 is unknown, not known", closing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelined_commands_are_separate_requests_answered_in_order()
    {
        using var scope = Mocket.Enable();
        for (var i = 0; i < 100; i++)
        {
            MockRedis.Register($"GET key{i}", $"value{i}");
        }

        using var redis = await MockRedis.ConnectAsync();
        var batch = redis.GetDatabase().CreateBatch();
        var gets = Enumerable.Range(0, 100).Select(i => batch.StringGetAsync($"key{i}")).ToList();
        batch.Execute();
        var values = await Task.WhenAll(gets);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"value{i}"), values.Select(v => (string)v!));
        Assert.Equal(100, Mocket.Requests.Count);
    }

    [Fact]
    public async Task A_transaction_queues_its_commands_and_EXEC_returns_their_replies()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("SET a 1", MockRedis.Ok);
        MockRedis.Register("INCR b", 7);
        using var redis = await MockRedis.ConnectAsync();

        var transaction = redis.GetDatabase().CreateTransaction();
        var set = transaction.StringSetAsync("a", "1");
        var incr = transaction.StringIncrementAsync("b");
        Assert.True(await transaction.ExecuteAsync());

        Assert.True(await set);
        Assert.Equal(7, await incr);
        Assert.Equal(["SET", "INCR"], Mocket.Requests.Cast<RedisMockRequest>().Select(r => r.Command));
    }

    [Fact]
    public async Task A_transaction_with_a_condition_watches_and_checks_it()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("EXISTS guard", 1);
        MockRedis.Register("SET a 1", MockRedis.Ok);
        using var redis = await MockRedis.ConnectAsync();

        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(Condition.KeyExists("guard"));
        _ = transaction.StringSetAsync("a", "1");

        Assert.True(await transaction.ExecuteAsync());
        Assert.Equal(["EXISTS", "SET"], Mocket.Requests.Cast<RedisMockRequest>().Select(r => r.Command));
    }

    [Fact]
    public async Task A_refused_command_inside_a_strict_transaction_aborts_it_as_Redis_does()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("SET a 1", MockRedis.Ok);
        using (var redis = await MockRedis.ConnectAsync())
        {
            var transaction = redis.GetDatabase().CreateTransaction();
            _ = transaction.StringSetAsync("a", "1");
            _ = transaction.StringSetAsync("unregistered", "x");

            await Assert.ThrowsAnyAsync<RedisException>(() => transaction.ExecuteAsync());
        }

        Assert.Single(scope.Close(throwOnViolations: false));
    }

    [Fact]
    public async Task The_reference_style_of_registering_MULTI_and_EXEC_still_works()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("MULTI", MockRedis.Ok);
        MockRedis.Register("SET a 1", MockRedis.Queued);
        MockRedis.RegisterResponse("EXEC", new object[] { MockRedis.Ok });
        using var redis = await MockRedis.ConnectAsync();

        var transaction = redis.GetDatabase().CreateTransaction();
        var set = transaction.StringSetAsync("a", "1");

        Assert.True(await transaction.ExecuteAsync());
        Assert.True(await set);
        Assert.Equal(["MULTI", "SET", "EXEC"], Mocket.Requests.Cast<RedisMockRequest>().Select(r => r.Command));
    }

    [Fact]
    public async Task Unlink_and_multi_field_HashSet_send_the_commands_the_design_names()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("UNLINK gone", 1);
        MockRedis.Register("HMSET h a 1 b 2", MockRedis.Ok);
        using var redis = await MockRedis.ConnectAsync();
        var db = redis.GetDatabase();

        Assert.True(await db.KeyDeleteAsync("gone"));
        await db.HashSetAsync("h", [new HashEntry("a", 1), new HashEntry("b", 2)]);

        Assert.Equal(["UNLINK", "HMSET"], Mocket.Requests.Cast<RedisMockRequest>().Select(r => r.Command));
    }

    [Fact]
    public async Task A_client_that_asks_for_RESP3_gets_RESP3_maps()
    {
        using var scope = Mocket.Enable();
        MockRedis.RegisterResponse("HGETALL h", new Dictionary<string, object> { ["f"] = "v" });
        MockRedis.Register("GET missing", null);
        using var redis = await MockRedis.ConnectAsync("localhost:6379,protocol=resp3");

        Assert.Equal(StackExchange.Redis.RedisProtocol.Resp3, redis.GetServers()[0].Protocol);
        var raw = await redis.GetDatabase().ExecuteAsync("HGETALL", "h");
        Assert.Equal(ResultType.Map, raw.Resp3Type);
        Assert.Equal("v", (string?)(await redis.GetDatabase().HashGetAllAsync("h"))[0].Value);
        Assert.True((await redis.GetDatabase().StringGetAsync("missing")).IsNull);
    }

    [Fact]
    public async Task A_callback_response_computes_the_reply_from_the_request()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET who", (Func<RedisMockRequest, object?>)(r => $"{r.Command} {Encoding.UTF8.GetString(r.Arguments[0])}"));
        using var redis = await MockRedis.ConnectAsync();

        Assert.Equal("GET who", await redis.GetDatabase().StringGetAsync("who"));
    }

    [Fact]
    public async Task Options_are_bound_to_the_scope_they_were_made_in()
    {
        using var outer = Mocket.Enable();
        MockRedis.Register("GET where", "outer");
        var options = MockRedis.ConfigurationOptions();

        using var inner = Mocket.Enable();
        MockRedis.Register("GET where", "inner");
        using var redis = await ConnectionMultiplexer.ConnectAsync(options);

        Assert.Equal("outer", await redis.GetDatabase().StringGetAsync("where"));
        Assert.Empty(inner.Requests);
    }

    [Fact]
    public async Task Another_location_is_served_by_its_own_entries_without_DNS_or_sockets()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.RegisterResponse("GET k", "cache", host: "cache.test", port: 7000);
        MockRedis.Register("GET k", "default");
        using var redis = await MockRedis.ConnectAsync("cache.test:7000");

        Assert.Equal("cache", await redis.GetDatabase().StringGetAsync("k"));
        Assert.Equal(("cache.test", 7000), (Mocket.LastRequest!.Host, Mocket.LastRequest.Port));

        // The network guard saw no DNS lookup of cache.test and no connection attempt.
        Assert.Empty(scope.Violations);
    }
}
