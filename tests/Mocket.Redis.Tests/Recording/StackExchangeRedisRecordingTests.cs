using System.Diagnostics;
using MocketNet.Redis.Tests.Support;
using MocketNet.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace MocketNet.Redis.Tests.Recording;

/// <summary>StackExchange.Redis through the in-memory tunnel: record against a real redis-server, stop it, replay.</summary>
public class StackExchangeRedisRecordingTests(ITestOutputHelper output)
{
    /// <summary>Writes, then reads back every kind of reply the issue names; each command once (one recorded reply per command).</summary>
    private static async Task<string[]> WorkloadAsync(IDatabase db) =>
    [
        (await db.StringSetAsync("greeting", "hello")).ToString(),
        (string?)await db.StringGetAsync("greeting") ?? "(nil)",
        (await db.StringIncrementAsync("visits")).ToString(System.Globalization.CultureInfo.InvariantCulture),
        (await db.HashSetAsync("user:1", "name", "Ada")).ToString(),
        string.Join(",", (await db.HashGetAllAsync("user:1")).Select(e => $"{e.Name}={e.Value}")),
        (await db.ListRightPushAsync("queue", ["a", "b", "c"])).ToString(System.Globalization.CultureInfo.InvariantCulture),
        string.Join(",", await db.ListRangeAsync("queue")),
        (string?)await db.StringGetAsync("missing") ?? "(nil)",
    ];

    [RedisServerFact]
    public async Task A_recording_made_against_redis_server_replays_the_same_results_after_the_server_stops_with_no_connection_attempt()
    {
        using var directory = new TempDirectory();
        string[] recorded;
        string configuration;
        int port;
        using (var server = new RedisServer())
        {
            (configuration, port) = (server.Configuration, server.Port);
            using var seen = new ConnectionAttempts(port);
            using (var scope = Mocket.Enable(Recordings.Options(directory)))
            {
                using var redis = await MockRedis.ConnectAsync(configuration);
                recorded = await WorkloadAsync(redis.GetDatabase());
                Assert.Empty(scope.Errors);
            }

            // The counter sees the pass-through's own connection: it would see a replay's too.
            Assert.True(seen.Count > 0, "the connection-attempt counter saw the recording run's pass-through connection");
        }

        Assert.Equal(["True", "hello", "1", "True", "name=Ada", "3", "a,b,c", "(nil)"], recorded);
        var requests = Recordings.Exchanges(directory).Select(e => e.Request).ToList();
        Assert.Equal(8, requests.Count);
        Assert.Contains("*2\r\n$3\r\nGET\r\n$8\r\ngreeting\r\n", requests);

        using var attempts = new ConnectionAttempts(port);
        using (var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None)))
        {
            var clock = Stopwatch.StartNew();
            using var redis = await MockRedis.ConnectAsync(configuration);
            var connect = clock.Elapsed;
            var replayed = await WorkloadAsync(redis.GetDatabase());

            output.WriteLine($"replay connect: {connect.TotalMilliseconds:F1} ms; workload: {(clock.Elapsed - connect).TotalMilliseconds:F1} ms");
            Assert.Equal(recorded, replayed);
            Assert.True(connect < TimeSpan.FromSeconds(1), $"the replay run connected in {connect.TotalMilliseconds} ms");
            Assert.Empty(scope.Errors);
            Assert.Empty(scope.Violations);
        }

        Assert.Equal(0, attempts.Count);
    }

    [RedisServerFact]
    public async Task The_handshakes_random_parts_never_reach_the_recording_so_a_second_run_records_nothing_new()
    {
        using var directory = new TempDirectory();
        string configuration;
        string[] first;
        using (var server = new RedisServer())
        {
            configuration = server.Configuration;
            first = await RunAsync(directory, configuration + ",name=first-run");
            var afterFirst = File.ReadAllText(Recordings.File(directory));

            // Another client name, another random ECHO payload, another client id: nothing to add.
            var second = await RunAsync(directory, configuration + ",name=second-run");

            Assert.Equal(first, second);
            Assert.Equal(afterFirst, File.ReadAllText(Recordings.File(directory)));
            foreach (var handshake in new[] { "first-run", "ECHO", "CLIENT", "HELLO", "INFO", "__Booksleeve", "SUBSCRIBE", "CONFIG" })
            {
                Assert.DoesNotContain(handshake, afterFirst, StringComparison.Ordinal);
            }
        }

        Assert.Equal(first, await RunAsync(directory, configuration + ",name=replay-run", MocketRecordMode.None));
    }

    [RedisServerFact]
    public async Task Once_replays_what_is_recorded_and_sends_only_new_commands_to_the_server()
    {
        using var directory = new TempDirectory();
        using var server = new RedisServer();
        await server.SetAsync("a", "first");
        using (Mocket.Enable(Recordings.Options(directory)))
        using (var redis = await MockRedis.ConnectAsync(server.Configuration))
        {
            Assert.Equal("first", await redis.GetDatabase().StringGetAsync("a"));
        }

        await server.SetAsync("a", "changed");
        await server.SetAsync("b", "bee");
        using (var scope = Mocket.Enable(Recordings.Options(directory)))
        using (var redis = await MockRedis.ConnectAsync(server.Configuration))
        {
            Assert.Equal("first", await redis.GetDatabase().StringGetAsync("a"));
            Assert.Equal("bee", await redis.GetDatabase().StringGetAsync("b"));
            Assert.Empty(scope.Errors);
        }

        Assert.Equal(["\"bee\"", "\"first\""], Recordings.Exchanges(directory).Select(e => e.Text).Order(StringComparer.Ordinal));
    }

    [RedisServerFact]
    public async Task All_sends_every_command_to_the_server_again_and_replaces_the_recorded_reply()
    {
        using var directory = new TempDirectory();
        using var server = new RedisServer();
        await server.SetAsync("a", "first");
        Assert.Equal(["first"], await RunGetsAsync(directory, server.Configuration, MocketRecordMode.Once, "a"));

        await server.SetAsync("a", "second");
        Assert.Equal(["second"], await RunGetsAsync(directory, server.Configuration, MocketRecordMode.All, "a"));

        Assert.Equal("\"second\"", Assert.Single(Recordings.Exchanges(directory)).Text);
    }

    [RedisServerFact]
    public async Task None_replays_through_StackExchange_Redis_without_the_server()
    {
        using var directory = new TempDirectory();
        string configuration;
        using (var server = new RedisServer())
        {
            configuration = server.Configuration;
            await server.SetAsync("a", "first");
            await RunGetsAsync(directory, configuration, MocketRecordMode.Once, "a");
        }

        Assert.Equal(["first"], await RunGetsAsync(directory, configuration, MocketRecordMode.None, "a"));
    }

    [RedisServerFact]
    public async Task A_RESP3_client_binary_keys_and_a_pipeline_mixing_entries_and_recordings_replay_the_same()
    {
        using var directory = new TempDirectory();
        string configuration;
        string[] recorded;
        using (var server = new RedisServer())
        {
            configuration = server.Configuration + ",protocol=resp3";
            recorded = await MixedRunAsync(directory, configuration, MocketRecordMode.Once);
        }

        Assert.Equal(["M", "True", "0180FF", "True", "name=Ada", "M", "(nil)", "3"], recorded);
        var hash = Assert.Single(Recordings.Exchanges(directory), e => e.Request.Contains("HGETALL", StringComparison.Ordinal));
        Assert.StartsWith("*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n", hash.Request, StringComparison.Ordinal);
        Assert.Equal("1# \"name\" => \"Ada\"", hash.Text);
        Assert.Equal(recorded, await MixedRunAsync(directory, configuration, MocketRecordMode.None));
    }

    private static async Task<string[]> MixedRunAsync(TempDirectory directory, string configuration, MocketRecordMode mode)
    {
        using var scope = Mocket.Enable(Recordings.Options(directory, mode));
        var port = int.Parse(configuration.Split(':', ',')[1], System.Globalization.CultureInfo.InvariantCulture);
        MockRedis.RegisterResponse("GET mocked", "M", host: "127.0.0.1", port: port);
        using var redis = await MockRedis.ConnectAsync(configuration);
        var db = redis.GetDatabase();
        byte[] binaryKey = [0x80, 0xFF, 0x00, 0x41];
        var batch = db.CreateBatch();
        var tasks = new List<Task<string>>
        {
            batch.StringGetAsync("mocked").ContinueWith(t => (string)t.Result!, TaskScheduler.Default),
            batch.StringSetAsync(binaryKey, (byte[])[0x01, 0x80, 0xFF]).ContinueWith(t => t.Result.ToString(), TaskScheduler.Default),
            batch.StringGetAsync(binaryKey).ContinueWith(t => Convert.ToHexString((byte[])t.Result!), TaskScheduler.Default),
            batch.HashSetAsync("user", "name", "Ada").ContinueWith(t => t.Result.ToString(), TaskScheduler.Default),
            batch.HashGetAllAsync("user").ContinueWith(t => string.Join(",", t.Result.Select(e => $"{e.Name}={e.Value}")), TaskScheduler.Default),
            batch.StringGetAsync("mocked").ContinueWith(t => (string)t.Result!, TaskScheduler.Default),
            batch.StringGetAsync("missing").ContinueWith(t => (string?)t.Result ?? "(nil)", TaskScheduler.Default),
            batch.ListRightPushAsync("queue", ["a", "b", "c"]).ContinueWith(t => t.Result.ToString(System.Globalization.CultureInfo.InvariantCulture), TaskScheduler.Default),
        };
        batch.Execute();
        var results = await Task.WhenAll(tasks);
        Assert.Empty(scope.Errors);
        return results;
    }

    private static async Task<string[]> RunAsync(TempDirectory directory, string configuration, MocketRecordMode mode = MocketRecordMode.Once)
    {
        using var scope = Mocket.Enable(Recordings.Options(directory, mode));
        using var redis = await MockRedis.ConnectAsync(configuration);
        var results = await WorkloadAsync(redis.GetDatabase());
        Assert.Empty(scope.Errors);
        return results;
    }

    private static async Task<string[]> RunGetsAsync(TempDirectory directory, string configuration, MocketRecordMode mode, params string[] keys)
    {
        using var scope = Mocket.Enable(Recordings.Options(directory, mode));
        using var redis = await MockRedis.ConnectAsync(configuration);
        var values = new List<string>();
        foreach (var key in keys)
        {
            values.Add((string?)await redis.GetDatabase().StringGetAsync(key) ?? "(nil)");
        }

        Assert.Empty(scope.Errors);
        return [.. values];
    }
}
