using System.Runtime.CompilerServices;
using MocketNet.Testing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace MocketNet.NUnit;

/// <summary>
/// Runs each test in its own Mocket scope. Put it on a test method, a fixture (every test in it) or
/// the assembly (<c>[assembly: Mocketize(Strict = true)]</c>); the most specific one applies. After
/// the test, strict-mode violations (and, if asked, unserved entries) fail it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeAttribute : Attribute, ITestAction, IMocketizeSettings
{
    private const string RunKey = "MocketNet.NUnit.Run";

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
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var settings = MostSpecific(test);
        test.Properties.Set(RunKey, MocketTestRun.Begin(settings, test.FullName));
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (test.Properties.Get(RunKey) is MocketTestRun run && run.End() is { } failure)
        {
            // Thrown from AfterTest, NUnit reports it after the test's own failure, if any.
            throw failure;
        }
    }

    private MocketizeAttribute MostSpecific(ITest test) => MocketizeLookup.MostSpecific(test.Method?.MethodInfo, test.TypeInfo?.Type, this);
}
