using System.Text;

namespace MocketNet.Testing;

/// <summary>
/// One mocketized test, for test-framework adapters: <see cref="Begin"/> before the test waits for its
/// turn (exclusive tests run alone among mocketized tests) and opens its scope, <see cref="End"/> after
/// it closes the scope and returns what should fail the test. All adapter logic lives here; adapters stay thin.
/// An attribute found at several levels (assembly, class, method) of one test begins one run: inner
/// calls on the same flow join the run already begun, and only the outermost End closes it.
/// </summary>
public sealed class MocketTestRun
{
    private static readonly AsyncLocal<MocketTestRun?> s_current = new();

    private readonly IMocketizeSettings _settings;
    private int _depth = 1;

    private MocketTestRun(IMocketizeSettings settings, MocketScope scope)
    {
        _settings = settings;
        Scope = scope;
    }

    /// <summary>The test's scope.</summary>
    public MocketScope Scope { get; }

    /// <summary>
    /// Waits (blocking) for the test's turn, then starts the run on the calling flow: opens the test's
    /// scope, or joins the run an attribute at an outer level already began. A shared test waits only
    /// while an exclusive test runs; an exclusive test waits until no other mocketized test runs. The
    /// wait captures no SynchronizationContext. Adapters whose framework resumes test code on a
    /// limited set of threads that a blocked <c>Before</c> also holds (xunit's) must run the test off
    /// that context, or use <see cref="AwaitTurnAsync"/> where the hook can be asynchronous.
    /// </summary>
    /// <param name="settings">What the attribute asks for.</param>
    /// <param name="testFullName">The test's full name (class, method and data-row arguments), the default recording namespace.</param>
    public static MocketTestRun Begin(IMocketizeSettings settings, string testFullName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Joined() is { } joined)
        {
            return joined;
        }

        ExclusiveGate.EnterAsync(settings.Exclusive).GetAwaiter().GetResult();
        return Open(settings, testFullName);
    }

    /// <summary>
    /// Waits asynchronously for the test's turn (see <see cref="Begin"/>); then call
    /// <see cref="Start"/> from the flow that runs the test (an AsyncLocal set inside an awaited method
    /// would not reach the test).
    /// </summary>
    /// <param name="settings">What the attribute asks for.</param>
    public static Task AwaitTurnAsync(IMocketizeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return s_current.Value is { _depth: > 0 } ? Task.CompletedTask : ExclusiveGate.EnterAsync(settings.Exclusive);
    }

    /// <summary>Starts the run on the calling flow once <see cref="AwaitTurnAsync"/> has completed.</summary>
    /// <param name="settings">What the attribute asks for (the same as given to <see cref="AwaitTurnAsync"/>).</param>
    /// <param name="testFullName">The test's full name, the default recording namespace.</param>
    public static MocketTestRun Start(IMocketizeSettings settings, string testFullName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Joined() ?? Open(settings, testFullName);
    }

    /// <summary>
    /// Ends the run (the outermost call only): closes the scope and returns the failure to report, or
    /// null when the test kept the rules. Strict-mode violations (including the network guard's) come
    /// as a <see cref="StrictMocketException"/>; unserved entries, when asked for, as a
    /// <see cref="MocketAssertionException"/> (or appended to the strict message when both happened).
    /// Each report is made once: a violation whose report already appears in <paramref name="testFailure"/>
    /// (a refusal the code under test let escape) is not repeated.
    /// </summary>
    /// <param name="testFailure">
    /// The test's own failure as the framework will show it (message, inner exceptions, stack), or null when it
    /// passed or the framework does not say.
    /// </param>
    public Exception? End(string? testFailure = null)
    {
        if (Interlocked.Decrement(ref _depth) != 0)
        {
            return null;
        }

        try
        {
            var unserved = _settings.AssertAllEntriesServed ? Scopes.Assertions.Unserved(Scope.Entries) : null;
            var violations = Scope.Close(throwOnViolations: false);
            if (Scope.FailsOnClose(violations))
            {
                var unshown = testFailure is null
                    ? violations
                    : [.. violations.Where(v => !testFailure.Contains(v.Message, StringComparison.Ordinal))];
                if (unshown.Count > 0)
                {
                    var message = Scopes.Reports.Closed(unshown, violations.Count - unshown.Count);
                    return new StrictMocketException(unserved is null ? message : message + Environment.NewLine + Environment.NewLine + unserved, violations);
                }
            }

            return unserved is null ? null : new MocketAssertionException(unserved);
        }
        finally
        {
            ExclusiveGate.Exit(_settings.Exclusive);
        }
    }

    private static MocketTestRun Open(IMocketizeSettings settings, string testFullName)
    {
        try
        {
            var options = new MocketOptions
            {
                FromAttribute = true,
                TestName = testFullName,
                Strict = settings.Strict,
                Exclusive = settings.Exclusive,
                AllowedHosts = [.. settings.AllowedHosts],
                RecordingDirectory = RecordingDirectory(settings),
                // The recorder makes the namespace a safe file name (the same rule for every caller).
                Namespace = settings.Namespace ?? (settings.RecordingDirectory is null ? null : testFullName),
            };
            var run = new MocketTestRun(settings, Mocket.Enable(options));
            s_current.Value = run;
            return run;
        }
        catch
        {
            ExclusiveGate.Exit(settings.Exclusive);
            throw;
        }
    }

    private static string? RecordingDirectory(IMocketizeSettings settings)
    {
        var directory = settings.RecordingDirectory;
        if (directory is null || Path.IsPathRooted(directory) || SourceDirectory(settings.SourceFilePath) is not { } sourceDirectory)
        {
            return directory;
        }

        return Path.GetFullPath(Path.Combine(sourceDirectory, directory));
    }

    /// <summary>
    /// The folder of the test's source file. Deterministic CI builds map the source root to <c>/_/</c>;
    /// then the file is looked for below the folders above the test's output.
    /// </summary>
    private static string? SourceDirectory(string? source)
    {
        const string MappedRoot = "/_/";
        if (string.IsNullOrEmpty(source))
        {
            return null;
        }

        if (File.Exists(source))
        {
            return Path.GetDirectoryName(source);
        }

        if (!source.StartsWith(MappedRoot, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = source[MappedRoot.Length..];
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate);
            }
        }

        return null;
    }

    private static MocketTestRun? Joined()
    {
        var current = s_current.Value;
        if (current is null || Volatile.Read(ref current._depth) <= 0)
        {
            return null;
        }

        Interlocked.Increment(ref current._depth);
        return current;
    }
}
