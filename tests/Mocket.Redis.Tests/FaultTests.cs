using MocketNet.Redis.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace MocketNet.Redis.Tests;

/// <summary>
/// Byte-level faults on Redis replies, through StackExchange.Redis: a stalled reply and a connection closed under a
/// command fail as the same events on a real redis-server on 127.0.0.1 do (CLIENT PAUSE, CLIENT KILL), on both seams;
/// a reset, a truncated reply and a bad type byte fail as connection errors, the same on both seams (the Stream seam
/// runs the client's own socket reader code). docs/faults.md's column is these results.
/// </summary>
public class FaultTests(ITestOutputHelper output)
{
    // A stall must meet the client's timeout quickly; every other case must fail or succeed long before it, even on a busy machine.
    private const string Timeouts = "syncTimeout=500,asyncTimeout=500,connectTimeout=5000,abortConnect=false";
    private const string LongTimeouts = "syncTimeout=10000,asyncTimeout=10000,connectTimeout=10000,abortConnect=false";

    [RedisServerFact]
    public async Task A_stalled_reply_times_out_as_a_paused_real_server_does()
    {
        Exception real;
        using (var server = new RedisServer())
        {
            using var paused = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},{Timeouts}");
            using var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true");
            await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
            real = await Assert.ThrowsAnyAsync<Exception>(() => paused.GetDatabase().StringGetAsync("foo"));
        }

        var mocked = await FromMocketAsync(MocketFault.Stall(), seam: null);
        var onStreamSeam = await FromMocketAsync(MocketFault.Stall(), seam: "stream");

        output.WriteLine($"Stall: real {Describe(real)}; Mocket {Describe(mocked)}; Stream seam {Describe(onStreamSeam)}");
        Assert.IsType<RedisTimeoutException>(real);
        Assert.Equal(Describe(real), Describe(mocked));
        Assert.Equal(Describe(real), Describe(onStreamSeam));
    }

    [RedisServerFact]
    public async Task A_connection_closed_under_a_command_fails_it_as_a_real_server_killing_the_client_does()
    {
        Exception real;
        using (var server = new RedisServer())
        {
            using var victim = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},{LongTimeouts}");
            using var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true");
            var blocked = victim.GetDatabase().ExecuteAsync("BLPOP", "nothing", "5");
            await Task.Delay(200);
            await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            real = await Assert.ThrowsAnyAsync<Exception>(() => blocked);
        }

        var mocked = await FromMocketAsync(MocketFault.CloseAfter(0), seam: null);
        var onStreamSeam = await FromMocketAsync(MocketFault.CloseAfter(0), seam: "stream");

        output.WriteLine($"Closed: real {Describe(real)}; Mocket {Describe(mocked)}; Stream seam {Describe(onStreamSeam)}");
        Assert.IsType<RedisConnectionException>(real);
        Assert.Equal(Describe(real), Describe(mocked));
        Assert.Equal(Describe(real), Describe(onStreamSeam));
    }

    [Theory]
    [InlineData("reset", null, "RedisConnectionException(SocketFailure)")]
    [InlineData("reset", "stream", "RedisConnectionException(SocketFailure)")]
    [InlineData("truncated", null, "RedisConnectionException(SocketClosed)")]
    [InlineData("truncated", "stream", "RedisConnectionException(SocketClosed)")]
    [InlineData("bad type byte", null, "RedisConnectionException(InternalFailure)")]
    [InlineData("bad type byte", "stream", "RedisConnectionException(InternalFailure)")]
    public async Task A_broken_reply_fails_the_command_with_a_connection_error_and_the_client_reconnects(string kind, string? seam, string expected)
    {
        if (kind == "bad type byte" && typeof(ConnectionMultiplexer).Assembly.GetName().Version!.Major < 3)
        {
            // StackExchange.Redis 2.x names an unparsable reply a ProtocolFailure (.ci/run's floor run); 3.x an InternalFailure.
            expected = "RedisConnectionException(ProtocolFailure)";
        }

        var fault = kind switch
        {
            "reset" => MocketFault.Reset(),
            "truncated" => MocketFault.CloseAfter(3),
            _ => MocketFault.Malformed("!bad\r\n"),
        };

        var error = await FromMocketAsync(fault, seam, thenAnswered: true);

        output.WriteLine($"{kind} ({seam ?? "transport"} seam): {Describe(error)}");
        Assert.True(Describe(error).StartsWith(expected, StringComparison.Ordinal), $"Expected {expected}, got {Describe(error)}: {error}");
    }

    [Fact]
    public async Task A_scope_closed_under_a_command_fails_it_with_a_connection_error_that_says_so()
    {
        var scope = Mocket.Enable();
        MockRedis.Register("GET foo", RedisMockResponse.Value("bar").WithFault(MocketFault.Stall()));
        using var redis = await ConnectionMultiplexer.ConnectAsync(MockRedis.ConfigurationOptions($"localhost:6379,{LongTimeouts}"));
        var pending = redis.GetDatabase().StringGetAsync("foo");
        while (!scope.HasRequests)
        {
            await Task.Delay(10);
        }

        scope.Close();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => pending);

        output.WriteLine($"Scope closed: {Describe(error)}: {error}");
        Assert.IsType<RedisConnectionException>(error);
        Assert.Contains("was closed while the connection was open", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_and_a_dribbled_reply_arrive_whole()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET slow", RedisMockResponse.Value("late").WithFault(MocketFault.Latency(TimeSpan.FromMilliseconds(100))));
        MockRedis.Register("GET dribbled", RedisMockResponse.Value(new string('x', 100)).WithFault(MocketFault.Dribble(7, TimeSpan.FromMilliseconds(5))));
        using var redis = await MockRedis.ConnectAsync();

        Assert.Equal("late", (string?)await redis.GetDatabase().StringGetAsync("slow"));
        Assert.Equal(new string('x', 100), (string?)await redis.GetDatabase().StringGetAsync("dribbled"));
    }

    /// <summary>GET foo against an entry whose reply carries the fault; with <paramref name="thenAnswered"/>, the next GET is answered on a new connection.</summary>
    private static async Task<Exception> FromMocketAsync(MocketFault fault, string? seam, bool thenAnswered = false)
    {
        var scope = Mocket.Enable();
        try
        {
            MockRedis.RegisterResponses("GET foo", [RedisMockResponse.Value("bar").WithFault(fault), "bar"]);
            var options = MockRedis.ConfigurationOptions($"localhost:6379,{(fault.Kind == MocketFaultKind.Stall ? Timeouts : LongTimeouts)}");
            if (seam == "stream")
            {
                options.Tunnel = new Seam.MockRedisTunnel(scope);
            }

            using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => redis.GetDatabase().StringGetAsync("foo"));
            if (thenAnswered)
            {
                Assert.Equal("bar", (string?)await Eventually(() => redis.GetDatabase().StringGetAsync("foo")));
            }

            return error;
        }
        finally
        {
            scope.Close(throwOnViolations: false);
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RedisConnectionException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The exception's type and, for a connection error, its failure type: what catch blocks and retry policies look at.</summary>
    private static string Describe(Exception error) => error switch
    {
        RedisConnectionException connection => $"{error.GetType().Name}({connection.FailureType})",
        _ => error.GetType().Name,
    };
}
