using MocketNet.Redis;
using StackExchange.Redis;

namespace MocketNet.Demo;

/// <summary>StackExchange.Redis served in memory by MockRedis: GET, SET, INCR, a transaction, pub/sub and strict mode.</summary>
public static class RedisDemo
{
    public static async Task RunAsync()
    {
        Console.WriteLine("== Redis (Mocket.Redis, StackExchange.Redis in memory)");
        await using (var scope = Mocket.Enable())
        {
            MockRedis.Register("SET greeting \"hello world\"", MockRedis.Ok);
            MockRedis.Register("GET greeting", "hello world");
            MockRedis.RegisterResponses("INCR visits", [1, 2, 3]);

            using var redis = await MockRedis.ConnectAsync();
            var db = redis.GetDatabase();
            Console.WriteLine($"  SET greeting   -> {await db.StringSetAsync("greeting", "hello world")}");
            Console.WriteLine($"  GET greeting   -> {await db.StringGetAsync("greeting")}");
            Console.WriteLine($"  INCR visits x3 -> {await db.StringIncrementAsync("visits")}, {await db.StringIncrementAsync("visits")}, {await db.StringIncrementAsync("visits")}");

            Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "INCR" && r.ArgumentsText[0] == "visits");
            Console.WriteLine($"  requests logged: {Mocket.Requests.Count} (the client's handshake is answered built-in, not logged)");

            var received = new TaskCompletionSource<string>();
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("news"), (_, message) => received.TrySetResult(message!));
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("news"), "published through the mock");
            Console.WriteLine($"  pub/sub        -> {await received.Task.WaitAsync(TimeSpan.FromSeconds(10))}");
        }

        var strict = Mocket.Enable(new MocketOptions { Strict = true });
        using (var redis = await MockRedis.ConnectAsync())
        {
            try
            {
                await redis.GetDatabase().StringGetAsync("unregistered");
            }
            catch (RedisServerException ex)
            {
                Console.WriteLine($"  strict mode    -> {ex.Message}");
            }
        }

        Console.WriteLine($"  violations recorded by the strict scope: {strict.Close(throwOnViolations: false).Count}");
    }
}
