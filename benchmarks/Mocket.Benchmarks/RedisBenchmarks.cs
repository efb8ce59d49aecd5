using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using MocketNet.Redis;
using StackExchange.Redis;

namespace MocketNet.Benchmarks;

/// <summary>
/// StackExchange.Redis through MockRedis (in memory) side by side with a real redis-server on loopback,
/// which the benchmark starts on a free 127.0.0.1 port and stops by its pid.
/// </summary>
[MemoryDiagnoser]
public class RedisBenchmarks
{
    private const int BatchSize = 100;

    /// <summary>
    /// Awaited GETs per invocation: awaited in a loop, as test code does, rather than one blocking
    /// GetResult per operation (which measures thread wake-ups more than the client).
    /// </summary>
    private const int Awaited = 1000;
    private static readonly RedisKey s_key = "foo";

    private readonly RedisMockEntry _entry = new(MockRedis.DefaultHost, MockRedis.DefaultPort, "GET foo", ["bar"]);
    private Process? _server;
    private MocketScope _scope = null!;
    private ConnectionMultiplexer _mock = null!;
    private ConnectionMultiplexer _real = null!;
    private IDatabase _mockDb = null!;
    private ConnectionMultiplexer _mockPool = null!;
    private IDatabase _mockPoolDb = null!;
    private ConnectionMultiplexer _floor = null!;
    private IDatabase _floorDb = null!;
    private ConnectionMultiplexer _floorPool = null!;
    private IDatabase _floorPoolDb = null!;

    private IDatabase _realDb = null!;
    private readonly Task<RedisValue>[] _pending = new Task<RedisValue>[BatchSize];

    /// <summary>One awaited GET through a row's multiplexer, for <c>--calls</c>: redis-mock, redis-mock-pool, redis-floor, redis-floor-pool, redis-real.</summary>
    internal IReadOnlyDictionary<string, Func<Task>> SingleGets() => new Dictionary<string, Func<Task>>
    {
        ["redis-mock"] = () => _mockDb.StringGetAsync(s_key),
        ["redis-mock-pool"] = () => _mockPoolDb.StringGetAsync(s_key),
        ["redis-floor"] = () => _floorDb.StringGetAsync(s_key),
        ["redis-floor-pool"] = () => _floorPoolDb.StringGetAsync(s_key),
        ["redis-real"] = () => _realDb.StringGetAsync(s_key),
    };

    [GlobalSetup]
    public void Setup()
    {
        _scope = Mocket.Enable();
        _scope.Register(_entry);
        _mock = MockRedis.Connect();
        _mockDb = _mock.GetDatabase();
        var pooled = MockRedis.ConfigurationOptions();
#pragma warning disable CS0618 // Obsolete (and unused) in StackExchange.Redis 3.x; the row is about 2.x, where it schedules the client's reads.
        pooled.SocketManager = SocketManager.ThreadPool;
#pragma warning restore CS0618
        _mockPool = ConnectionMultiplexer.Connect(pooled);
        _mockPoolDb = _mockPool.GetDatabase();
        _floor = ConnectionMultiplexer.Connect(RedisFloorTunnel.Options());
        _floorDb = _floor.GetDatabase();
        _floorPool = ConnectionMultiplexer.Connect(RedisFloorTunnel.Options(threadPool: true));
        _floorPoolDb = _floorPool.GetDatabase();

        var port = StartRedisServer();
        _real = ConnectionMultiplexer.Connect($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)},protocol=resp2");
        _realDb = _real.GetDatabase();
        _realDb.StringSet(s_key, "bar");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mock.Dispose();
        _mockPool.Dispose();
        _floor.Dispose();
        _floorPool.Dispose();
        _real.Dispose();
        _scope.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Awaited)]
    public Task RealRedis_StringGetAsync() => AwaitEachAsync(_realDb);

    [Benchmark(OperationsPerInvoke = Awaited)]
    public async Task MockRedis_StringGetAsync()
    {
        await AwaitEachAsync(_mockDb).ConfigureAwait(false);
        ForgetRequests();
    }

    /// <summary>
    /// MockRedis with the client's callbacks on the .NET thread pool instead of StackExchange.Redis' own SocketManager
    /// threads: on the 2.x floor (the Stream seam) that scheduler is most of an in-memory GET's time.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Awaited)]
    public async Task MockRedisThreadPool_StringGetAsync()
    {
        await AwaitEachAsync(_mockPoolDb).ConfigureAwait(false);
        ForgetRequests();
    }

    /// <summary>The Stream seam's floor (<see cref="RedisFloorTunnel"/>): the client over a stream that answers fixed bytes.</summary>
    [Benchmark(OperationsPerInvoke = Awaited)]
    public Task FloorTunnel_StringGetAsync() => AwaitEachAsync(_floorDb);

    /// <summary>The floor with <c>SocketManager.ThreadPool</c>, beside <see cref="MockRedisThreadPool_StringGetAsync"/>.</summary>
    [Benchmark(OperationsPerInvoke = Awaited)]
    public Task FloorTunnelThreadPool_StringGetAsync() => AwaitEachAsync(_floorPoolDb);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public Task RealRedis_Pipelined100() => PipelineAsync(_realDb);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public async Task MockRedis_Pipelined100()
    {
        await PipelineAsync(_mockDb).ConfigureAwait(false);
        ForgetRequests();
    }

    /// <summary>
    /// A test's request log lives as long as its scope; a benchmark's would grow by millions of requests
    /// and measure the garbage collector. Forget them after each invocation (the entry is kept).
    /// </summary>
    private void ForgetRequests()
    {
        _scope.Reset();
        _scope.Register(_entry);
    }

    private static async Task AwaitEachAsync(IDatabase db)
    {
        for (var i = 0; i < Awaited; i++)
        {
            await db.StringGetAsync(s_key).ConfigureAwait(false);
        }
    }

    private async Task PipelineAsync(IDatabase db)
    {
        // Issued back to back without awaiting: the multiplexer pipelines them on one connection.
        for (var i = 0; i < BatchSize; i++)
        {
            _pending[i] = db.StringGetAsync(s_key);
        }

        foreach (var pending in _pending)
        {
            await pending.ConfigureAwait(false);
        }
    }

    private int StartRedisServer()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException(
            "redis-server did not start; install it with `apt-get install -y redis-server`.");
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return port;
            }
            catch (SocketException)
            {
                // Not listening yet: try again.
            }
        }

        throw new TimeoutException($"redis-server did not listen on port {port} within 20 s.");
    }
}
