using System.Reflection;
using System.Runtime.CompilerServices;
using MocketNet.Testing;
using Xunit;
using Xunit.v3;

namespace MocketNet.Xunit;

/// <summary>
/// Runs each test in its own Mocket scope. Put it on a test method, a test class (every test in it) or
/// the assembly (<c>[assembly: Mocketize(Strict = true)]</c>); the levels merge, the most specific one's
/// explicit settings winning. After the test, strict-mode violations (and, if asked, unserved entries)
/// fail it, each reported once (a refusal already in the test's own failure is not repeated).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeAttribute : BeforeAfterTestAttribute, IMocketizeLevel
{
    // xunit v3 keeps one instance of each attribute for all the tests it applies to, so a run belongs to its test.
    private static readonly ConditionalWeakTable<IXunitTest, MocketTestRun> s_runs = new();

    /// <summary>Marks a test, a class or the assembly.</summary>
    /// <param name="sourceFilePath">Filled in by the compiler: where the attribute is written (relative recording directories start there).</param>
    public MocketizeAttribute([CallerFilePath] string sourceFilePath = "") => Settings = new MocketizeSettings(sourceFilePath);

    /// <inheritdoc cref="IMocketizeSettings.Strict" />
    public bool Strict { get => Settings.Strict; set => Settings.Strict = value; }

    /// <inheritdoc cref="IMocketizeSettings.AllowedHosts" />
    public string[] AllowedHosts { get => [.. Settings.AllowedHosts]; set => Settings.AllowedHosts = value; }

    /// <inheritdoc cref="IMocketizeSettings.RecordingDirectory" />
    public string? RecordingDirectory { get => Settings.RecordingDirectory; set => Settings.RecordingDirectory = value; }

    /// <inheritdoc cref="IMocketizeSettings.Namespace" />
    public string? Namespace { get => Settings.Namespace; set => Settings.Namespace = value; }

    /// <inheritdoc cref="IMocketizeSettings.Exclusive" />
    public bool Exclusive { get => Settings.Exclusive; set => Settings.Exclusive = value; }

    /// <inheritdoc cref="IMocketizeSettings.AssertAllEntriesServed" />
    public bool AssertAllEntriesServed { get => Settings.AssertAllEntriesServed; set => Settings.AssertAllEntriesServed = value; }

    /// <inheritdoc />
    public MocketizeSettings Settings { get; }

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        ArgumentNullException.ThrowIfNull(test);
        // Only members that xunit v3 2.x to 4.x keep in the same place are used (IXunitTestClass.Class, for one,
        // moved to another interface in 4.0): the reflected type is the test class.
        var settings = MocketizeLookup.Effective(methodUnderTest, testClass: null, this);

        // As in xunit v2: Begin may wait for an exclusive test while holding one of xunit's threads, so the
        // test runs off xunit's context (see docs/adapters.md, "Parallel tests").
        SynchronizationContext.SetSynchronizationContext(null);
        var run = MocketTestRun.Begin(settings, FullName(methodUnderTest, test));
        s_runs.AddOrUpdate(test, run);
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (s_runs.TryGetValue(test, out var run) && run.End(OwnFailure()) is { } failure)
        {
            // xunit reports an exception from After together with the test's own failure.
            throw failure;
        }
    }

    private static string? OwnFailure() =>
        TestContext.Current.TestState is { Result: TestResult.Failed } state
            ? string.Join(Environment.NewLine, (state.ExceptionMessages ?? []).Concat(state.ExceptionStackTraces ?? []))
            : null;

    /// <summary>Class and method, then a data row's arguments as the display name shows them (<c>(row: "a")</c>).</summary>
    private static string FullName(MethodInfo method, IXunitTest test)
    {
        var name = $"{method.ReflectedType?.FullName}.{method.Name}";
        var display = test.TestDisplayName ?? string.Empty;
        var arguments = display.EndsWith(')') ? display.IndexOf('(', StringComparison.Ordinal) : -1;
        return arguments < 0 ? name : name + display[arguments..];
    }
}
