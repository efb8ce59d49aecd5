using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using MocketNet.Testing;
using TUnit.Core;
using TUnit.Core.Enums;
using TUnit.Core.Interfaces;

namespace MocketNet.TUnit;

/// <summary>
/// Runs each test in its own Mocket scope. Put it on a test method, a test class (every test in it) or
/// the assembly (<c>[assembly: Mocketize(Strict = true)]</c>); the levels merge, the most specific one's
/// explicit settings winning. TUnit runs tests in parallel by default: each test's scope flows with its
/// own async context, so parallel tests never see each other's entries. After the test, strict-mode
/// violations (and, if asked, unserved entries) fail it, each reported once (a refusal already in the
/// test's own failure is not repeated).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class MocketizeAttribute : Attribute, ITestStartEventReceiver, ITestEndEventReceiver, IMocketizeLevel
{
    // One run per test however many levels carry the attribute: the first level's receiver begins it, the first to end closes it.
    private const string RunKey = "MocketNet.TUnit.Run";
    private static readonly object s_starting = new();

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
    public int Order => 0;

    /// <summary>Before the test's <c>[Before(Test)]</c> hooks, so entries they register land in the test's scope.</summary>
    EventReceiverStage ITestStartEventReceiver.Stage => EventReceiverStage.Early;

    /// <summary>After the test's <c>[After(Test)]</c> hooks, so what they do is still inside the scope.</summary>
    EventReceiverStage ITestEndEventReceiver.Stage => EventReceiverStage.Late;

    /// <inheritdoc />
    public async ValueTask OnTestStart(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.StateBag.Items.TryAdd(RunKey, s_starting))
        {
            return;
        }

        var details = context.Metadata.TestDetails;
        var settings = MocketizeLookup.Effective(TestMethod(details), details.ClassType, this);
        await MocketTestRun.AwaitTurnAsync(settings).ConfigureAwait(false);
        context.StateBag.Items[RunKey] = MocketTestRun.Start(settings, FullName(details));

        // The scope lives in async-local state set here; TUnit carries it into the hooks and the test body.
        context.AddAsyncLocalValues();
    }

    /// <inheritdoc />
    public ValueTask OnTestEnd(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.StateBag.Items.TryRemove(RunKey, out var value) && value is MocketTestRun run
            && run.End(OwnFailure(context)) is { } failure)
        {
            // TUnit reports an end receiver's exception after the test's own failure, if any.
            throw failure;
        }

        return ValueTask.CompletedTask;
    }

    private static string? OwnFailure(TestContext context) =>
        context.Execution.Result is { State: TestState.Failed or TestState.Timeout, Exception: { } exception } ? exception.ToString() : null;

    private static MethodInfo? TestMethod(TestDetails details)
    {
        var parameters = details.MethodMetadata?.Parameters.Length ?? 0;
        return details.ClassType
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == details.MethodName && m.GetParameters().Length == parameters);
    }

    private static string FullName(TestDetails details)
    {
        var name = $"{details.ClassType.FullName}.{details.MethodName}";
        return details.TestMethodArguments is { Length: > 0 } arguments
            ? $"{name}({string.Join(",", arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)))})"
            : name;
    }
}
