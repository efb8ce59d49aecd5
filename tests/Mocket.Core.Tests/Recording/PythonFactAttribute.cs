using System.Diagnostics;

namespace MocketNet.Tests.Recording;

/// <summary>A fact that needs python3 on the PATH; skipped, saying how to install it, when it is missing.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    private static readonly string? Python = Find();

    public PythonFactAttribute()
    {
        if (Python is null)
        {
            Skip = "python3 is not on the PATH; install Python 3 (e.g. apt-get install python3) to run this compatibility check.";
        }
    }

    /// <summary>Runs a script with one argument; returns its trimmed standard output, or throws with its error output.</summary>
    public static async Task<string> RunAsync(string script, string argument)
    {
        var start = new ProcessStartInfo(Python!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? (await output).Trim()
            : throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {await error}");
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "python.exe" : "python3"))
            .FirstOrDefault(File.Exists);
}
