using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using MocketNet.Testing;
using Xunit.Sdk;

namespace MocketNet.Xunit;

/// <summary>
/// Runs each test in its own Mocket scope. Put it on a test method or a test class (every test in
/// it); the levels merge, the most specific one's explicit settings winning. After the test,
/// strict-mode violations (and, if asked, unserved entries) fail it, alongside the test's own failure
/// if it had one (xunit v2 does not tell an after-hook whether the test failed, so a refusal that
/// escaped the test body is reported there too).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeAttribute : BeforeAfterTestAttribute, IMocketizeLevel
{
    // xunit v2 shows an after-hook nothing of the test's outcome. A refusal that fails the test is seen instead as it
    // reaches xunit: thrown (rethrown by xunit's await of the test, or wrapped by reflection's invoke) in xunit's test
    // invoker while the test's scope is current. Its text is the test's own failure for MocketTestRun.End.
    private static readonly ConditionalWeakTable<MocketScope, string> s_escaped = [];

    private MocketTestRun? _run;

    static MocketizeAttribute() => AppDomain.CurrentDomain.FirstChanceException += OnFirstChanceException;

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
    public override void Before(MethodInfo methodUnderTest)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        var settings = MocketizeLookup.Effective(methodUnderTest, testClass: null, this);

        // Begin may wait for an exclusive test while holding one of xunit's threads. The test then runs
        // off xunit's context (its continuations go to the thread pool, as with ConfigureAwait(false)),
        // so a test that others wait for never needs a thread that a waiting Before holds: with the
        // context kept, parallelAlgorithm "aggressive" deadlocks.
        SynchronizationContext.SetSynchronizationContext(null);
        _run = MocketTestRun.Begin(settings, $"{methodUnderTest.ReflectedType?.FullName}.{methodUnderTest.Name}");
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest)
    {
        var run = Interlocked.Exchange(ref _run, null);
        var ownFailure = run is not null && s_escaped.TryGetValue(run.Scope, out var escaped) ? escaped : null;
        if (run?.End(ownFailure) is { } failure)
        {
            // xunit reports an exception from After together with the test's own failure.
            throw failure;
        }
    }

    private static void OnFirstChanceException(object? sender, FirstChanceExceptionEventArgs e)
    {
        try
        {
            if (CarriesRefusal(e.Exception) && Mocket.TryGetCurrentScope(out var scope) && IsThrownIntoXunitsInvoker())
            {
                s_escaped.AddOrUpdate(scope, e.Exception.ToString());
            }
        }
        catch (AmbiguousMocketScopeException)
        {
            // Thrown where no test's scope flows and several are open: not a test's failure reaching xunit.
        }
    }

    private static bool CarriesRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is StrictMocketException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the first frame below the runtime's own (the await's rethrow, reflection's invoke) is xunit's test invoker.</summary>
    private static bool IsThrownIntoXunitsInvoker()
    {
        foreach (var frame in new StackTrace(1, fNeedFileInfo: false).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            while (type?.DeclaringType is not null)
            {
                type = type.DeclaringType;
            }

            var name = type?.FullName ?? string.Empty;
            if (name.StartsWith("System.", StringComparison.Ordinal) || type == typeof(MocketizeAttribute))
            {
                continue;
            }

            return name.StartsWith("Xunit.Sdk.", StringComparison.Ordinal) && name.Contains("TestInvoker", StringComparison.Ordinal);
        }

        return false;
    }
}
