using System.Runtime.CompilerServices;
using MocketNet.Testing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace MocketNet.NUnit;

/// <summary>
/// Runs each test in its own Mocket scope. Put it on a test method, a fixture (every test in it) or
/// the assembly (<c>[assembly: Mocketize(Strict = true)]</c>); the levels merge, the most specific one's
/// explicit settings winning. After the test, strict-mode violations (and, if asked, unserved entries)
/// fail it, each reported once (a refusal already in the test's own failure is not repeated).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeAttribute : Attribute, ITestAction, IMocketizeLevel
{
    private const string RunKey = "MocketNet.NUnit.Run";

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
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var settings = MocketizeLookup.Effective(test.Method?.MethodInfo, test.TypeInfo?.Type, this);
        test.Properties.Set(RunKey, MocketTestRun.Begin(settings, test.FullName));
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (test.Properties.Get(RunKey) is MocketTestRun run && run.End(OwnFailure()) is { } failure)
        {
            // Thrown from AfterTest, NUnit reports it after the test's own failure, if any.
            throw failure;
        }
    }

    private static string? OwnFailure()
    {
        var result = TestContext.CurrentContext.Result;
        return result.Outcome.Status == TestStatus.Failed ? result.Message + Environment.NewLine + result.StackTrace : null;
    }
}
