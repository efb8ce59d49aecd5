using BenchmarkDotNet.Running;

namespace MocketNet.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Mocket.Benchmarks -- --filter '*'</c>.
/// Each class measures Mocket side by side with its peers in one run.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
