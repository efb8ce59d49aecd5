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
    public override TestMethodAttribute? GetTestMethodAttribute(TestMethodAttribute? testMethodAttribute) =>
        testMethodAttribute is null or MocketizeAttribute
            ? testMethodAttribute
            : new MocketizeAttribute(this, testMethodAttribute);
}
