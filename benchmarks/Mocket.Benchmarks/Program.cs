using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace MocketNet.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Mocket.Benchmarks -- --filter '*'</c>.
/// Each class measures Mocket side by side with its peers in one run.
/// <para>
/// <c>-- --calls ROW N</c> instead calls one row N times in a plain loop, after 20,000 warm-up calls, and prints the time,
/// the thread-pool work items, the lock contentions and the context switches (Linux) per call and the bytes still held per
/// call (the request log): what a profiler (dotnet-trace, perf) attaches to, and how thread hops were counted.
/// </para>
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--calls", var row, var count])
        {
            Calls(row, int.Parse(count, CultureInfo.InvariantCulture));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Calls(string row, int count)
    {
        var grpc = new Lazy<GrpcBenchmarks>(() => Started(new GrpcBenchmarks(), b => b.Setup()));
        var http = new Lazy<HttpBenchmarks>(() => Started(new HttpBenchmarks(), b => b.Setup()));
        var load = new Lazy<HttpLoadBenchmarks>(() => Started(new HttpLoadBenchmarks { Peer = HttpPeer.Mocket }, b => b.Setup()));
        var redis = new Lazy<RedisBenchmarks>(() => Started(new RedisBenchmarks(), b => b.Setup()));
        var redisGets = new Lazy<IReadOnlyDictionary<string, Func<Task>>>(() => redis.Value.SingleGets());
        var rows = new Dictionary<string, Func<Task>>
        {
            ["grpc-h2c"] = () => grpc.Value.MocketUnaryH2c(),
            ["grpc-tls"] = () => grpc.Value.MocketUnaryTls(),
            ["grpc-floor"] = () => grpc.Value.FloorUnaryH2c(),
            ["grpc-kestrel"] = () => grpc.Value.KestrelUnary(),
            ["h2-get"] = () => grpc.Value.MocketHttp2Get(),
            ["create-client"] = () => http.Value.MocketCreateClient(),
            ["floor"] = () => http.Value.InMemoryFloorInlineGet(),
            ["seam"] = () => http.Value.MocketGlobalSeam(),
            ["loopback-floor"] = () => http.Value.LoopbackFloorGet(),
            ["kestrel"] = () => http.Value.KestrelLoopback(),
            ["concurrent64"] = () => load.Value.Concurrent64(),
        };
        foreach (var name in new[] { "redis-mock", "redis-mock-pool", "redis-floor", "redis-floor-pool", "redis-real" })
        {
            rows[name] = () => redisGets.Value[name]();
        }

        if (!rows.TryGetValue(row, out var call))
        {
            Console.Error.WriteLine($"No row '{row}'. Rows: {string.Join(", ", rows.Keys)}.");
            return;
        }

        Run(call, 20_000);
        var held = GC.GetTotalMemory(forceFullCollection: true);
        var items = ThreadPool.CompletedWorkItemCount;
        var contentions = Monitor.LockContentionCount;
        var switches = ContextSwitches();
        var clock = Stopwatch.StartNew();
        Run(call, count);
        var elapsed = clock.Elapsed;
        var workItems = ThreadPool.CompletedWorkItemCount - items;
        var contended = Monitor.LockContentionCount - contentions;
        switches = ContextSwitches() - switches;
        held = GC.GetTotalMemory(forceFullCollection: true) - held;
        Console.WriteLine(
            $"{row}: {elapsed.TotalMicroseconds / count:F1} µs/call, {workItems / (double)count:F2} thread-pool work items/call, " +
            $"{contended / (double)count:F3} lock contentions/call, {switches / (double)count:F2} context switches/call, " +
            $"{held / (double)count:F0} B/call still held");
        if (grpc.IsValueCreated)
        {
            grpc.Value.Cleanup();
        }

        if (http.IsValueCreated)
        {
            http.Value.Cleanup();
        }

        if (load.IsValueCreated)
        {
            load.Value.Cleanup();
        }

        if (redis.IsValueCreated)
        {
            redis.Value.Cleanup();
        }
    }

    /// <summary>
    /// The process's context switches so far, summed over its threads (Linux: /proc/self/task/*/status; elsewhere 0). Threads
    /// that ran both times are counted exactly; StackExchange.Redis' dedicated SocketManager threads live as long as the process.
    /// </summary>
    private static long ContextSwitches()
    {
        long total = 0;
        if (!Directory.Exists("/proc/self/task"))
        {
            return total;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.Contains("ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread exited meanwhile.
            }
        }

        return total;
    }

    private static T Started<T>(T benchmarks, Action<T> setup)
    {
        setup(benchmarks);
        return benchmarks;
    }

    private static void Run(Func<Task> call, int count)
    {
        for (var i = 0; i < count; i++)
        {
            call().GetAwaiter().GetResult();
        }
    }
}
