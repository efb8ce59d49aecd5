using MocketNet.Tests.Shared;

namespace MocketNet.Http.Tests.Seam;

/// <summary>
/// HttpClient reads its activity-propagation switch once per process, so these tests run a small program
/// (tests/Fixtures/Mocket.Http.SeamProbe) in child processes: one with propagation disabled through the
/// documented environment variable, one as is. Each prints what a plain <c>new HttpClient()</c> got in a
/// strict scope.
/// </summary>
public sealed class ActivityPropagationDisabledTests(ActivityPropagationDisabledTests.Probe probe) : IClassFixture<ActivityPropagationDisabledTests.Probe>
{
    [Fact]
    public async Task With_propagation_disabled_the_fallback_proxy_serves_http_and_https_reaches_the_guard()
    {
        var facts = await probe.RunAsync(new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_HTTP_ENABLEACTIVITYPROPAGATION"] = "0" });

        Assert.Equal("False", facts["seam-active"]);
        Assert.Equal("ok:mocked over http", facts["http"]);

        // https cannot go through the fallback (a CONNECT tunnel would need the client to trust Mocket's CA):
        // the request goes out as it would without Mocket (127.0.0.1:1 refuses it) and the guard names it.
        Assert.StartsWith("failed:HttpRequestException", facts["https"], StringComparison.Ordinal);

        // A strict refusal through a proxy is a 502 response (HttpClient swallows a proxy's exception).
        Assert.Equal("ok:502", facts["unregistered"]);
        Assert.Equal("http:/users/1,http:/other", facts["requests"]);
        Assert.Equal("2", facts["violations"]);
    }

    [Fact]
    public async Task With_propagation_enabled_the_same_program_is_served_by_the_global_seam()
    {
        var facts = await probe.RunAsync(new Dictionary<string, string>());

        Assert.Equal("True", facts["seam-active"]);
        Assert.Equal("ok:mocked over http", facts["http"]);
        Assert.Equal("ok:mocked over https", facts["https"]);
        Assert.Equal("failed:HttpRequestException/StrictMocketException", facts["unregistered"]);
        Assert.Equal("http:/users/1,https:/users/1,http:/other", facts["requests"]);
        Assert.Equal("1", facts["violations"]);
    }

    /// <summary>Builds the probe once into its own artifacts folder; each run uses that build.</summary>
    public sealed class Probe : IAsyncLifetime
    {
        private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "mocket-seam-probe-" + Guid.NewGuid().ToString("N")[..8]);

        private string Project => Path.Combine(FixtureRun.RepositoryRoot(), "tests", "Fixtures", "Mocket.Http.SeamProbe", "Mocket.Http.SeamProbe.csproj");

        public async Task InitializeAsync()
        {
            var (exitCode, output) = await DotnetCommand.RunAsync(["build", Project, "--artifacts-path", _artifacts, "-nologo"]);
            Assert.True(exitCode == 0, "The seam probe did not build:\n" + output);
        }

        public async Task<IReadOnlyDictionary<string, string>> RunAsync(IReadOnlyDictionary<string, string> environment)
        {
            var (exitCode, output) = await DotnetCommand.RunAsync(["run", "--no-build", "--project", Project, "--artifacts-path", _artifacts], environment, TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, "The seam probe failed:\n" + output);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('=', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => parts[1]);
        }

        public Task DisposeAsync()
        {
            try
            {
                Directory.Delete(_artifacts, recursive: true);
            }
            catch (IOException)
            {
            }

            return Task.CompletedTask;
        }
    }
}
