using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Testing;

namespace MocketNet.MSTest;

/// <summary>
/// Use instead of <c>[TestMethod]</c>: runs the test (each data row) in its own Mocket scope. After
/// the test, strict-mode violations (and, if asked, unserved entries) fail it with a clean message,
/// alongside the test's own failure if it had one.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeAttribute : TestMethodAttribute, IMocketizeLevel
{
    private readonly TestMethodAttribute? _inner;

    /// <summary>Marks a test method.</summary>
    /// <param name="callerFilePath">Filled in by the compiler (MSTest shows the test's source location).</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    public MocketizeAttribute([CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = -1)
        : base(callerFilePath, callerLineNumber)
    {
        Settings = new MocketizeSettings(callerFilePath);
    }

#pragma warning disable MSTEST0057 // Wraps another attribute and forwards that attribute's source location.
    internal MocketizeAttribute(TestMethodAttribute? inner)
#pragma warning restore MSTEST0057
        : base(inner?.DeclaringFilePath ?? string.Empty, inner?.DeclaringLineNumber ?? -1)
    {
        _inner = inner;
        Settings = new MocketizeSettings();
    }

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
    public override async Task<TestResult[]> ExecuteAsync(ITestMethod testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        // The class's [MocketizeClass] and the method's [Mocketize] merge (when wrapping another attribute, the class's alone apply).
        var settings = MocketizeLookup.Effective(testMethod.MethodInfo, testClass: null, this);
        await MocketTestRun.AwaitTurnAsync(settings).ConfigureAwait(false);
        var run = MocketTestRun.Start(settings, FullName(testMethod));
        TestResult[] results;
        try
        {
            results = _inner is null
                ? await base.ExecuteAsync(testMethod).ConfigureAwait(false)
                : await _inner.ExecuteAsync(testMethod).ConfigureAwait(false);
        }
        catch
        {
            run.End();
            throw;
        }

        // Rewriting the result, not throwing, gives MSTest's clean failure message.
        var ownFailure = string.Join(Environment.NewLine, results.Select(r => r.TestFailureException?.ToString()).OfType<string>());
        if (run.End(ownFailure.Length == 0 ? null : ownFailure) is { } failure)
        {
            foreach (var result in results)
            {
                Fail(result, failure);
            }
        }

        return results;
    }

    private static void Fail(TestResult result, Exception failure)
    {
        if (result.Outcome == UnitTestOutcome.Passed || result.TestFailureException is null)
        {
            result.Outcome = UnitTestOutcome.Failed;
            result.TestFailureException = failure;
            return;
        }

        var own = result.TestFailureException;
        result.TestFailureException = new MocketAssertionException(
            $"{own.Message}{Environment.NewLine}{Environment.NewLine}Mocket also reports:{Environment.NewLine}{failure.Message}", own);
    }

    private static string FullName(ITestMethod testMethod)
    {
        var name = $"{testMethod.TestClassName}.{testMethod.TestMethodName}";
        return testMethod.Arguments is { Length: > 0 } arguments
            ? $"{name}({string.Join(",", arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)))})"
            : name;
    }
}
