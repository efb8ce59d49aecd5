using BenchmarkDotNet.Attributes;
using MocketNet.Http;
using MocketNet.Redis;

namespace MocketNet.Benchmarks;

/// <summary>
/// What every mocketized test pays before its first request: opening a scope, registering ten entries
/// (HTTP and Redis, as a typical test mixes them) and closing it.
/// </summary>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    [Benchmark]
    public void OpenRegisterTenAndClose()
    {
        var scope = Mocket.Enable();
        for (var i = 0; i < 5; i++)
        {
            MockHttp.SingleRegister("GET", "https://api.test/users/" + i, body: "{}");
        }

        for (var i = 0; i < 5; i++)
        {
            MockRedis.Register("GET key" + i, "value");
        }

        scope.Close();
    }

    [Benchmark(Baseline = true)]
    public void OpenAndClose() => Mocket.Enable().Close();
}
