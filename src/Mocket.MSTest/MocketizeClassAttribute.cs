using System.Runtime.CompilerServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Testing;

namespace MocketNet.MSTest;

/// <summary>
/// Use instead of <c>[TestClass]</c>: every test method in the class (every data row) runs in its own
/// Mocket scope with these settings. A method's own <c>[Mocketize]</c> merges with them, its explicit settings winning.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeClassAttribute : TestClassAttribute, IMocketizeLevel
{
    /// <summary>Marks a test class.</summary>
    /// <param name="sourceFilePath">Filled in by the compiler: where the attribute is written (relative recording directories start there).</param>
    public MocketizeClassAttribute([CallerFilePath] string sourceFilePath = "") => Settings = new MocketizeSettings(sourceFilePath);

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
    public override TestMethodAttribute? GetTestMethodAttribute(TestMethodAttribute? testMethodAttribute) =>
        testMethodAttribute is null or MocketizeAttribute
            ? testMethodAttribute
            : new MocketizeAttribute(testMethodAttribute);
}
