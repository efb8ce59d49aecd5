using MocketNet.Testing;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Testing;

/// <summary>
/// The turn taking behind <c>[Mocketize(Exclusive = true)]</c>: an exclusive test runs alone among
/// mocketized tests, shared tests run together, and a waiting exclusive test holds nobody back.
/// Each run begins on its own flow, as each test does.
/// </summary>
[Collection(SerialTests.Name)]
public class ExclusiveTurnTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_notYet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_exclusive_test_waits_until_the_running_shared_tests_end()
    {
        var shared = await BeginAsync(exclusive: false);
        var exclusive = BeginAsync(exclusive: true);

        await AssertWaitingAsync(exclusive);
        Assert.Null(shared.End());
        var run = await exclusive.WaitAsync(s_long);
        Assert.Null(run.End());
    }

    [Fact]
    public async Task Shared_tests_wait_while_an_exclusive_test_runs_then_run_together()
    {
        var exclusive = await BeginAsync(exclusive: true);
        var first = BeginAsync(exclusive: false);
        var second = BeginAsync(exclusive: false);

        await AssertWaitingAsync(first);
        Assert.False(second.IsCompleted);
        Assert.Null(exclusive.End());
        var runs = await Task.WhenAll(first, second).WaitAsync(s_long);
        Assert.All(runs, run => Assert.False(run.Scope.IsClosed));
        Assert.All(runs, run => Assert.Null(run.End()));
    }

    [Fact]
    public async Task A_waiting_exclusive_test_does_not_hold_back_new_shared_tests()
    {
        // Shared tests may wait for each other (a barrier in the tests themselves); holding the second
        // back for the waiting exclusive test would deadlock them.
        var first = await BeginAsync(exclusive: false);
        var exclusive = BeginAsync(exclusive: true);
        await AssertWaitingAsync(exclusive);

        var second = await BeginAsync(exclusive: false).WaitAsync(s_long);
        Assert.False(exclusive.IsCompleted);
        Assert.Null(first.End());
        Assert.False(exclusive.IsCompleted);
        Assert.Null(second.End());
        Assert.Null((await exclusive.WaitAsync(s_long)).End());
    }

    [Fact]
    public async Task Two_exclusive_tests_take_turns()
    {
        var first = await BeginAsync(exclusive: true);
        var second = BeginAsync(exclusive: true);

        await AssertWaitingAsync(second);
        Assert.Null(first.End());
        Assert.Null((await second.WaitAsync(s_long)).End());
    }

    [Fact]
    public async Task An_exclusive_test_whose_scope_cannot_open_gives_its_turn_back()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.File("corrupt.json"), "not json");
        var broken = new Settings(exclusive: true) { RecordingDirectory = directory.Path, Namespace = "corrupt" };

        await Assert.ThrowsAsync<MocketRecordingException>(() => Task.Run(() => MocketTestRun.Begin(broken, "Broken")));

        var next = await BeginAsync(exclusive: true).WaitAsync(s_long);
        Assert.Null(next.End());
    }

    [Fact]
    public async Task The_asynchronous_turn_then_start_runs_alone_like_begin()
    {
        var shared = await BeginAsync(exclusive: false);
        var settings = new Settings(exclusive: true);
        var turn = MocketTestRun.AwaitTurnAsync(settings);

        await AssertWaitingAsync(turn);
        Assert.Null(shared.End());
        await turn.WaitAsync(s_long);
        var run = MocketTestRun.Start(settings, "Async");
        Assert.True(run.Scope.Options.Exclusive);
        Assert.Null(run.End());
    }

    private static Task<MocketTestRun> BeginAsync(bool exclusive) =>
        Task.Run(() => MocketTestRun.Begin(new Settings(exclusive), exclusive ? "Exclusive" : "Shared"));

    private static async Task AssertWaitingAsync(Task task)
    {
        // A negative check: the turn must not come within a generous moment.
        Assert.NotSame(task, await Task.WhenAny(task, Task.Delay(s_notYet)));
    }

    private sealed class Settings(bool exclusive) : IMocketizeSettings
    {
        public bool Strict => false;

        public IReadOnlyList<string> AllowedHosts => [];

        public string? RecordingDirectory { get; init; }

        public string? Namespace { get; init; }

        public bool Exclusive => exclusive;

        public bool AssertAllEntriesServed => false;

        public string? SourceFilePath => null;
    }
}
