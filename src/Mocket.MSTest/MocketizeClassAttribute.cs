using System.Runtime.CompilerServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Testing;

namespace MocketNet.MSTest;

/// <summary>
/// Use instead of <c>[TestClass]</c>: every test method in the class (every data row) runs in its own
/// Mocket scope with these settings. A method's own <c>[Mocketize]</c> takes precedence.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeClassAttribute : TestClassAttribute, IMocketizeSettings
{
    /// <summary>Marks a test class.</summary>
    /// <param name="sourceFilePath">Filled in by the compiler: where the attribute is written (relative recording directories start there).</param>
    public MocketizeClassAttribute([CallerFilePath] string sourceFilePath = "") => SourceFilePath = sourceFilePath;

    /// <summary>Refuse real network use (see <see cref="MocketOptions.Strict"/>).</summary>
    public bool Strict { get; set; }

    /// <summary>Hosts a strict test may reach: <c>"host"</c> or <c>"host:port"</c>.</summary>
    public string[] AllowedHosts { get; set; } = [];

    IReadOnlyList<string> IMocketizeSettings.AllowedHosts => AllowedHosts;

    /// <summary>Where real exchanges are recorded and replayed from.</summary>
    public string? RecordingDirectory { get; set; }

    /// <summary>The recording file's name; defaults to each test's full name with its data-row arguments.</summary>
    public string? Namespace { get; set; }

    /// <summary>Run each test alone among mocketized tests; its scope also serves code that lost the test's async context, such as a service started earlier (see MocketOptions.Exclusive).</summary>
    public bool Exclusive { get; set; }

    /// <summary>Fail a test that leaves registered entries unserved.</summary>
    public bool AssertAllEntriesServed { get; set; }

    /// <inheritdoc />
    public string? SourceFilePath { get; }

    /// <inheritdoc />
    public override TestMethodAttribute? GetTestMethodAttribute(TestMethodAttribute? testMethodAttribute) =>
        testMethodAttribute is null or MocketizeAttribute
            ? testMethodAttribute
            : new MocketizeAttribute(this, testMethodAttribute);
}
