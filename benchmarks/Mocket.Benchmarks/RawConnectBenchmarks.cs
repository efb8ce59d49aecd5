using System.Net.Sockets;
using BenchmarkDotNet.Attributes;

namespace MocketNet.Benchmarks;

/// <summary>One raw request/response through Mocket's in-memory connection and through its loopback listener.</summary>
[MemoryDiagnoser]
public class RawConnectBenchmarks
{
    private readonly byte[] _request = "PING\r\n"u8.ToArray();
    private readonly byte[] _buffer = new byte[64];
    private MocketScope _scope = null!;
    private Stream _inMemory = null!;
    private TcpClient _tcp = null!;
    private Stream _loopback = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scope = Mocket.Enable();
        _scope.Register(new MocketEntry("bench.test", 7, "+PONG\r\n"));
        _inMemory = _scope.Connect("bench.test", 7);
        _tcp = new TcpClient { NoDelay = true };
        _tcp.Connect(_scope.Listen("bench.test", 7));
        _loopback = _tcp.GetStream();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _inMemory.Dispose();
        _tcp.Dispose();
        _scope.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> InMemory()
    {
        await _inMemory.WriteAsync(_request);
        return await _inMemory.ReadAsync(_buffer);
    }

    [Benchmark]
    public async Task<int> LoopbackListener()
    {
        await _loopback.WriteAsync(_request);
        return await _loopback.ReadAsync(_buffer);
    }
}
