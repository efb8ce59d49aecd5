using System.Reflection;
using System.Runtime.CompilerServices;
using MocketNet.Testing;
using Xunit.Sdk;

namespace MocketNet.Xunit;

/// <summary>
/// Runs each test in its own Mocket scope. Put it on a test method or a test class (every test in
/// it); the most specific one applies. After the test, strict-mode violations (and, if asked,
/// unserved entries) fail it, alongside the test's own failure if it had one.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeAttribute : BeforeAfterTestAttribute, IMocketizeSettings
{
    private MocketTestRun? _run;

    /// <summary>Marks a test, a class or the assembly.</summary>
    /// <param name="sourceFilePath">Filled in by the compiler: where the attribute is written (relative recording directories start there).</param>
    public MocketizeAttribute([CallerFilePath] string sourceFilePath = "") => SourceFilePath = sourceFilePath;

    /// <inheritdoc />
    public bool Strict { get; set; }

    /// <inheritdoc cref="IMocketizeSettings.AllowedHosts" />
    public string[] AllowedHosts { get; set; } = [];

    IReadOnlyList<string> IMocketizeSettings.AllowedHosts => AllowedHosts;

    /// <inheritdoc />
    public string? RecordingDirectory { get; set; }

    /// <inheritdoc />
    public string? Namespace { get; set; }

    /// <inheritdoc />
    public bool Exclusive { get; set; }

    /// <inheritdoc />
    public bool AssertAllEntriesServed { get; set; }

    /// <inheritdoc />
    public string? SourceFilePath { get; }

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        var settings = MostSpecific(methodUnderTest);

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
        if (run?.End() is { } failure)
        {
            // xunit reports an exception from After together with the test's own failure.
            throw failure;
        }
    }

    private MocketizeAttribute MostSpecific(MethodInfo method) => MocketizeLookup.MostSpecific(method, testClass: null, this);
}
