using System.Xml.Linq;

namespace MocketNet.Tests.Shared;

/// <summary>
/// Runs a fixture project (tests that are meant to fail) with <c>dotnet test</c> into a TRX file and
/// reads each test's outcome and message. Fixture projects are not in Mocket.sln, so they never make
/// the suite red; they build into their own artifacts folder so they cannot disturb the outer build.
/// </summary>
public sealed class FixtureRun
{
    private readonly Dictionary<string, (string Outcome, string Message)> _results;

    private FixtureRun(Dictionary<string, (string Outcome, string Message)> results, string log)
    {
        _results = results;
        Log = log;
    }

    public string Log { get; }

    public IReadOnlyCollection<string> TestNames => _results.Keys;

    public static FixtureRun Execute(string fixtureProjectName) => ExecuteAsync(fixtureProjectName).GetAwaiter().GetResult();

    /// <summary>
    /// Runs the fixture with <c>dotnet test</c> (VSTest), or, for <paramref name="testingPlatform"/> projects that
    /// VSTest cannot host (TUnit), with <c>dotnet run</c> and Microsoft.Testing.Platform's TRX report.
    /// </summary>
    public static async Task<FixtureRun> ExecuteAsync(string fixtureProjectName, bool testingPlatform = false, params string[] properties)
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "tests", "Fixtures", fixtureProjectName, fixtureProjectName + ".csproj");
        var work = Path.Combine(Path.GetTempPath(), "mocket-fixture-" + fixtureProjectName + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            string[] arguments = testingPlatform
                ?
                [
                    "run", "--project", project, "--artifacts-path", Path.Combine(work, "artifacts"), .. properties.Select(p => "-p:" + p),
                    "--", "--report-trx", "--report-trx-filename", "results.trx", "--results-directory", work,
                ]
                :
                [
                    "test", project, "--artifacts-path", Path.Combine(work, "artifacts"), .. properties.Select(p => "-p:" + p),
                    "--logger", "trx;LogFileName=results.trx", "--results-directory", work, "-nologo",
                ];
            var (_, log) = await DotnetCommand.RunAsync(arguments).ConfigureAwait(false);
            var trx = Path.Combine(work, "results.trx");
            if (!File.Exists(trx))
            {
                throw new InvalidOperationException($"dotnet test {fixtureProjectName} wrote no TRX file. Its output:\n{log}");
            }

            return new FixtureRun(Parse(trx), log);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The outcome ("Passed", "Failed", ...) and message of the one test whose name contains <paramref name="name"/>.</summary>
    public (string Outcome, string Message) this[string name]
    {
        get
        {
            var matches = _results.Where(r => r.Key.Contains(name, StringComparison.Ordinal)).ToList();
            return matches.Count == 1
                ? matches[0].Value
                : throw new InvalidOperationException($"Expected one fixture test named like '{name}', found {matches.Count}: {string.Join(", ", _results.Keys)}\n{Log}");
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mocket.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Mocket.sln not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, (string, string)> Parse(string trx)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var document = XDocument.Load(trx);
        var results = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var result in document.Descendants(ns + "UnitTestResult"))
        {
            var name = (string?)result.Attribute("testName") ?? "";
            var outcome = (string?)result.Attribute("outcome") ?? "";
            var message = string.Join("\n", result.Descendants(ns + "Message").Select(m => m.Value));
            results[name] = (outcome, message);
        }

        return results;
    }
}
