using System.Reflection;
using System.Threading.Channels;
using MocketNet.Redis.Seam;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>
/// MockRedis serves StackExchange.Redis 3.4 through its transport seam (replies parsed on the caller's
/// thread, Mocket.Redis.Transport.dll) and falls back to the Stream seam for other versions. The rest of
/// the suite runs on the transport seam; these tests pin what each seam must keep doing.
/// </summary>
public class SeamTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Seams => ["transport", "stream"];

    [Fact]
    public void StackExchange_Redis_3_4_gets_the_transport_seam_and_every_other_version_the_stream_seam()
    {
        using var scope = Mocket.Enable();
        var version = Version.Parse(typeof(ConnectionMultiplexer).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()!.Version);

        // The transport tunnel lives in Mocket.Redis.Transport.dll, copied beside Mocket.Redis.dll.
        var expected = version is { Major: 3, Minor: 4 } ? "MockRedisTransportTunnel" : nameof(MockRedisTunnel);
        Assert.Equal(expected, MockRedis.ConfigurationOptions().Tunnel?.GetType().Name);
    }

    [Fact]
    public async Task On_the_transport_seam_an_entrys_reply_is_parsed_before_the_call_returns()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET foo", "bar");
        using var redis = await MockRedis.ConnectAsync();

        var pending = redis.GetDatabase().StringGetAsync("foo");

        Assert.True(pending.IsCompleted);
        Assert.Equal("bar", (string?)await pending);
    }

    [Fact]
    public async Task On_the_transport_seam_a_fire_and_forget_command_is_logged_when_its_call_returns()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("SET k v", MockRedis.Ok);
        using var redis = await MockRedis.ConnectAsync();

        redis.GetDatabase().StringSet("k", "v", flags: CommandFlags.FireAndForget);

        Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "SET");
    }

    [Theory]
    [MemberData(nameof(Seams))]
    public async Task Awaited_blocking_and_pipelined_commands_are_answered_in_order(string seam)
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET foo", "bar");
        MockRedis.Register("INCR n", 1, 2, 3);
        using var redis = await ConnectAsync(seam, scope);
        var db = redis.GetDatabase();

        var awaited = await db.StringGetAsync("foo");
        var blocking = db.StringGet("foo");
        var batch = db.CreateBatch();
        var increments = Enumerable.Range(0, 3).Select(_ => batch.StringIncrementAsync("n")).ToArray();
        batch.Execute();

        var counted = await Task.WhenAll(increments).WaitAsync(s_limit);

        Assert.Equal(("bar", "bar"), ((string?)awaited, (string?)blocking));
        Assert.Equal([1L, 2L, 3L], counted);
        Assert.Equal(["GET", "GET", "INCR", "INCR", "INCR"], Mocket.Requests.Cast<RedisMockRequest>().Select(r => r.Command));
    }

    [Theory]
    [MemberData(nameof(Seams))]
    public async Task A_transaction_whose_condition_fails_is_unwatched_and_not_executed(string seam)
    {
        // The client waits on a monitor for its conditions' replies without checking whether they came:
        // a reply parsed inline on its thread would leave it waiting for its timeout and report "not
        // executed" even when the condition held. One transaction of each outcome tells the two apart.
        using var scope = Mocket.Enable();
        MockRedis.Register("EXISTS present", 1);
        MockRedis.Register("EXISTS absent", 0);
        MockRedis.Register("SET a 1", MockRedis.Ok);
        MockRedis.Register("SET b 2", MockRedis.Ok);
        using var redis = await ConnectAsync(seam, scope, ",syncTimeout=10000,asyncTimeout=10000");
        var db = redis.GetDatabase();

        var held = db.CreateTransaction();
        held.AddCondition(Condition.KeyExists("present"));
        _ = held.StringSetAsync("a", "1");
        var failed = db.CreateTransaction();
        failed.AddCondition(Condition.KeyExists("absent"));
        _ = failed.StringSetAsync("b", "2");

        Assert.True(await held.ExecuteAsync().WaitAsync(s_limit));
        Assert.False(await failed.ExecuteAsync().WaitAsync(s_limit));

        // WATCH, MULTI, EXEC and UNWATCH are the mock's own transaction plumbing, answered and not logged.
        Assert.Equal(["EXISTS", "SET", "EXISTS"], Mocket.Requests.Cast<RedisMockRequest>().Select(r => r.Command));
    }

    [Theory]
    [MemberData(nameof(Seams))]
    public async Task A_subscription_receives_what_is_published(string seam)
    {
        using var scope = Mocket.Enable();
        using var redis = await ConnectAsync(seam, scope);
        var received = Channel.CreateUnbounded<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("news"), (_, message) => received.Writer.TryWrite(message!));

        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("news"), "hello"));
        Assert.Equal("hello", await received.Reader.ReadAsync().AsTask().WaitAsync(s_limit));
    }

    [Theory]
    [MemberData(nameof(Seams))]
    public async Task Over_RESP3_a_subscription_on_the_publishing_connection_receives_what_it_publishes(string seam)
    {
        // RESP3 has no separate subscription connection: the pushed message comes back on the connection
        // whose flush published it.
        using var scope = Mocket.Enable();
        MockRedis.Register("GET foo", "bar");
        using var redis = await ConnectAsync(seam, scope, ",protocol=resp3");
        var received = Channel.CreateUnbounded<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("news"), (_, message) =>
            received.Writer.TryWrite($"{message}:{redis.GetDatabase().StringGet("foo")}"));

        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("news"), "hello").WaitAsync(s_limit));
        Assert.Equal("hello:bar", await received.Reader.ReadAsync().AsTask().WaitAsync(s_limit));
    }

    [Theory]
    [MemberData(nameof(Seams))]
    public async Task An_exception_response_drops_the_connection_and_the_client_reconnects(string seam)
    {
        // On the transport seam the reconnection's handshake used to wait, now and then, for the client's sync timeout
        // (its tracer's reply was parsed inside the handshake's flush), and the commands behind it with it: docs/redis.md.
        using var scope = Mocket.Enable();
        MockRedis.Register("GET boom", new InvalidOperationException("boom"));
        MockRedis.Register("GET foo", "bar");
        using var redis = await ConnectAsync(seam, scope, ",abortConnect=false,connectTimeout=2000,syncTimeout=15000,asyncTimeout=15000");
        var db = redis.GetDatabase();

        await Assert.ThrowsAsync<RedisConnectionException>(() => db.StringGetAsync("boom").WaitAsync(s_limit));

        // The next command waits in the client's backlog until it has reconnected (before the close was
        // reported off the caller's flush, the transport seam never reconnected).
        Assert.Equal("bar", (string?)await Task.Run(() => db.StringGet("foo")).WaitAsync(s_limit));
    }

    [Fact]
    public async Task A_configuration_with_ssl_true_is_served_in_memory_on_the_transport_seam()
    {
        // Production connection strings often say ssl=true; no byte leaves the process, so there is no
        // wire to encrypt and no certificate to trust.
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("GET foo", "bar");
        using var redis = await MockRedis.ConnectAsync("localhost:6379,ssl=true,password=secret");

        Assert.Equal("bar", (string?)await redis.GetDatabase().StringGetAsync("foo"));
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task On_the_stream_seam_a_TLS_handshake_is_refused_with_an_error_that_says_so()
    {
        using var scope = Mocket.Enable();
        var options = MockRedis.ConfigurationOptions("localhost:6379,ssl=true,abortConnect=false,connectTimeout=1000");
        options.Tunnel = new MockRedisTunnel(scope);
        using var redis = await ConnectionMultiplexer.ConnectAsync(options);

        Assert.False(redis.IsConnected);
        var error = Assert.IsType<MocketNet.Redis.Codec.RespFormatException>(scope.Errors[0]);
        Assert.Contains("the client started a TLS handshake (ssl=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_the_scope_under_a_connected_client_fails_its_next_command()
    {
        var scope = Mocket.Enable();
        MockRedis.Register("GET foo", "bar");
        using var redis = await MockRedis.ConnectAsync("localhost:6379,abortConnect=false,connectTimeout=1000,syncTimeout=2000,asyncTimeout=2000");
        Assert.Equal("bar", (string?)await redis.GetDatabase().StringGetAsync("foo"));

        scope.Dispose();

        await Assert.ThrowsAnyAsync<RedisException>(() => redis.GetDatabase().StringGetAsync("foo"));
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string seam, MocketScope scope, string extra = "")
    {
        var options = MockRedis.ConfigurationOptions("localhost:6379" + extra);
        if (seam == "stream")
        {
            options.Tunnel = new MockRedisTunnel(scope);
        }

        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
