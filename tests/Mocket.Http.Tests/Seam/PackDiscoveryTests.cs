using MocketNet.Tests.Shared;

namespace MocketNet.Http.Tests.Seam;

/// <summary>
/// A test project that references Mocket.Http but never names one of its types still gets the HTTP seam: opening a
/// scope installs every referenced pack (run in a child process, where nothing else has loaded Mocket.Http).
/// </summary>
public class PackDiscoveryTests
{
    [Fact]
    public async Task Opening_a_scope_installs_the_HTTP_seam_of_a_project_that_only_references_it()
    {
        var project = Path.Combine(FixtureRun.RepositoryRoot(), "tests", "Fixtures", "Mocket.CoreOnlyProbe", "Mocket.CoreOnlyProbe.csproj");
        var artifacts = Path.Combine(Path.GetTempPath(), "mocket-core-only-probe-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exitCode, output) = await DotnetCommand.RunAsync(["run", "--project", project, "--artifacts-path", artifacts, "-nologo"], timeout: TimeSpan.FromMinutes(3));
            Assert.True(exitCode == 0, "The probe failed:\n" + output);
            var facts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('=', 2)).Where(parts => parts.Length == 2).ToDictionary(parts => parts[0], parts => parts[1]);

            Assert.Equal("True", facts["http-loaded-before-call"]);
            Assert.Equal("HttpRequestException/IOException/StrictMocketException", facts["outcome"]);
            Assert.Equal("UnmatchedRequest", facts["violations"]);
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
