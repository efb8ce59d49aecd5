using SharpFuzz;

namespace MocketNet.Fuzz;

/// <summary>
/// <c>Mocket.Fuzz &lt;harness&gt;</c> runs a harness under afl-fuzz (fuzz/run starts it);
/// <c>Mocket.Fuzz &lt;harness&gt; &lt;file&gt;...</c> runs it once per file, to replay a finding or check the seeds.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Harnesses.All.TryGetValue(args[0], out var harness))
        {
            Console.Error.WriteLine($"Usage: Mocket.Fuzz <{string.Join("|", Harnesses.All.Keys)}> [input files to replay]");
            return 2;
        }

        if (args.Length > 1)
        {
            foreach (var file in args.Skip(1))
            {
                harness(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok");
            }

            return 0;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            harness(copy.ToArray());
        });
        return 0;
    }
}
