using System.Threading.Channels;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>
/// The SE.Redis tunnel resumes the client's reads on the pump's thread (MocketConnectOptions). That is
/// safe only because the client never runs its callers' code there: a caller that blocks on another
/// command from a continuation or a subscription handler would otherwise deadlock its connection.
/// </summary>
public class InlineResumptionTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_blocking_command_in_the_continuation_of_an_awaited_one_completes()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET a", "1");
        MockRedis.Register("GET b", "2");
        using var redis = await MockRedis.ConnectAsync();
        var db = redis.GetDatabase();

        var (first, second) = await Task.Run(async () =>
        {
            var first = await db.StringGetAsync("a");
            return ((string?)first, (string?)db.StringGet("b"));
        }).WaitAsync(s_limit);

        Assert.Equal(("1", "2"), (first, second));
    }

    [Fact]
    public async Task A_subscription_handler_that_blocks_on_a_command_completes()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET looked-up", "found");
        using var redis = await MockRedis.ConnectAsync();
        var seen = Channel.CreateUnbounded<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("news"), (_, message) =>
            seen.Writer.TryWrite($"{message}:{redis.GetDatabase().StringGet("looked-up")}"));

        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("news"), "hello");

        Assert.Equal("hello:found", await seen.Reader.ReadAsync().AsTask().WaitAsync(s_limit));
    }

    [Fact]
    public async Task Many_blocking_commands_from_many_threads_complete()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("INCR counter", [1]);
        using var redis = await MockRedis.ConnectAsync();
        var db = redis.GetDatabase();

        // Blocking callers on dedicated threads (on the thread pool of a 2-core machine they would starve
        // it, with a real server too), awaiting callers on the pool, all at once on one connection.
        var blocking = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    db.StringIncrement("counter");
                }
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        var awaiting = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await db.StringIncrementAsync("counter");
            }
        }));
        var all = Task.WhenAll(blocking.Concat(awaiting));

        await all.WaitAsync(s_limit);
        Assert.Equal(800, Mocket.Requests.Count);
    }
}
