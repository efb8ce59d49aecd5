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
public sealed class MocketizeAttribute : TestMethodAttribute, IMocketizeSettings
{
    private readonly TestMethodAttribute? _inner;
    private readonly IMocketizeSettings? _classSettings;

    /// <summary>Marks a test method.</summary>
    /// <param name="callerFilePath">Filled in by the compiler (MSTest shows the test's source location).</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    public MocketizeAttribute([CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = -1)
        : base(callerFilePath, callerLineNumber)
    {
        SourceFilePath = callerFilePath;
    }

#pragma warning disable MSTEST0057 // Wraps another attribute and forwards that attribute's source location.
    internal MocketizeAttribute(IMocketizeSettings settings, TestMethodAttribute? inner)
#pragma warning restore MSTEST0057
        : base(inner?.DeclaringFilePath ?? string.Empty, inner?.DeclaringLineNumber ?? -1)
    {
        _inner = inner;
        _classSettings = settings;
    }

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
    public override async Task<TestResult[]> ExecuteAsync(ITestMethod testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        // Wrapping another attribute for [MocketizeClass], the class's settings apply.
        var settings = _classSettings ?? this;
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
        if (run.End() is { } failure)
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
