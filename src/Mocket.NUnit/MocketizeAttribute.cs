using System.Reflection;
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

    /// <summary>Refuse real network use (see <see cref="MocketOptions.Strict"/>).</summary>
    public bool Strict { get; set; }

    /// <summary>Hosts a strict test may reach: <c>"host"</c> or <c>"host:port"</c>.</summary>
    public string[] AllowedHosts { get; set; } = [];

    IReadOnlyList<string> IMocketizeSettings.AllowedHosts => AllowedHosts;

    /// <summary>Where real exchanges are recorded and replayed from.</summary>
    public string? RecordingDirectory { get; set; }

    /// <summary>The recording file's name; defaults to the test's full name.</summary>
    public string? Namespace { get; set; }

    /// <summary>Run this test alone among mocketized tests; its scope also serves code that lost the test's async context, such as a service started earlier (see MocketOptions.Exclusive).</summary>
    public bool Exclusive { get; set; }

    /// <summary>Fail the test when it leaves registered entries unserved.</summary>
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

    private MocketizeAttribute MostSpecific(ITest test) =>
        test.Method?.MethodInfo.GetCustomAttribute<MocketizeAttribute>(inherit: true)
        ?? test.TypeInfo?.Type.GetCustomAttribute<MocketizeAttribute>(inherit: true)
        ?? test.TypeInfo?.Assembly.GetCustomAttribute<MocketizeAttribute>()
        ?? this;
}
