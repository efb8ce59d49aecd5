using MocketNet.Tests.Shared;

namespace MocketNet.Http.Tests;

/// <summary>The README's first command, `dotnet run --project samples/Mocket.Demo`, keeps working.</summary>
public class DemoTests
{
    [Fact]
    public async Task The_demo_runs_to_its_end_and_nothing_leaves_the_machine()
    {
        var project = Path.Combine(FixtureRun.RepositoryRoot(), "samples", "Mocket.Demo", "Mocket.Demo.csproj");
        var artifacts = Path.Combine(Path.GetTempPath(), "mocket-demo-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exitCode, output) = await DotnetCommand.RunAsync(["run", "--project", project, "--artifacts-path", artifacts, "-nologo"], timeout: TimeSpan.FromMinutes(4));

            Assert.True(exitCode == 0, "The demo failed:\n" + output);
            Assert.Contains("Done: no request left this machine", output, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(artifacts, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
