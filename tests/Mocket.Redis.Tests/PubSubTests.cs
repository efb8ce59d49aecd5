using System.Threading.Channels;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

public class PubSubTests
{
    private static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_message_published_on_one_connection_reaches_the_subscription_connection()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        using var redis = await MockRedis.ConnectAsync();
        var received = Channel.CreateUnbounded<(string Channel, string Message)>();
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal("news"), (channel, message) => received.Writer.TryWrite((channel!, message!)));

        var receivers = await subscriber.PublishAsync(RedisChannel.Literal("news"), "hello");

        Assert.Equal(1, receivers);
        Assert.Equal(("news", "hello"), await Within(received.Reader.ReadAsync().AsTask()));
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task A_second_multiplexer_in_the_same_scope_receives_messages_and_patterns_match()
    {
        using var scope = Mocket.Enable();
        using var listener = await MockRedis.ConnectAsync();
        using var publisher = await MockRedis.ConnectAsync();
        var received = Channel.CreateUnbounded<string>();
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("orders.*"), (channel, message) => received.Writer.TryWrite($"{channel}={message}"));

        Assert.Equal(1, await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal("orders.created"), "42"));
        Assert.Equal(0, await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal("billing.created"), "43"));

        Assert.Equal("orders.created=42", await Within(received.Reader.ReadAsync().AsTask()));
    }

    [Fact]
    public async Task Unsubscribing_stops_delivery()
    {
        using var scope = Mocket.Enable();
        using var redis = await MockRedis.ConnectAsync();
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal("c"), (_, _) => { });

        await subscriber.UnsubscribeAsync(RedisChannel.Literal("c"));

        Assert.Equal(0, await subscriber.PublishAsync(RedisChannel.Literal("c"), "x"));
    }

    [Fact]
    public async Task A_registered_PUBLISH_is_logged_answers_its_reply_and_still_delivers()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("PUBLISH news hi", 5);
        using var redis = await MockRedis.ConnectAsync();
        var received = Channel.CreateUnbounded<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("news"), (_, message) => received.Writer.TryWrite(message!));

        Assert.Equal(5, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("news"), "hi"));

        Assert.Equal("hi", await Within(received.Reader.ReadAsync().AsTask()));
        Assert.Equal("PUBLISH", Assert.IsType<RedisMockRequest>(Assert.Single(Mocket.Requests)).Command);
    }

    [Fact]
    public async Task Scopes_do_not_hear_each_other()
    {
        var heard = Channel.CreateUnbounded<string>();
        using var first = Mocket.Enable();
        using var listener = await MockRedis.ConnectAsync();
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal("c"), (_, m) => heard.Writer.TryWrite(m!));

        using (var second = Mocket.Enable())
        {
            using var other = await MockRedis.ConnectAsync();
            Assert.Equal(0, await other.GetSubscriber().PublishAsync(RedisChannel.Literal("c"), "other scope"));
        }

        Assert.Equal(1, await listener.GetSubscriber().PublishAsync(RedisChannel.Literal("c"), "same scope"));
        Assert.Equal("same scope", await Within(heard.Reader.ReadAsync().AsTask()));
    }

    [Fact]
    public async Task RESP3_subscribers_receive_push_messages()
    {
        using var scope = Mocket.Enable();
        using var redis = await MockRedis.ConnectAsync("localhost:6379,protocol=resp3");
        var received = Channel.CreateUnbounded<string>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("c"), (_, m) => received.Writer.TryWrite(m!));

        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("c"), "pushed"));

        Assert.Equal("pushed", await Within(received.Reader.ReadAsync().AsTask()));
    }
}
