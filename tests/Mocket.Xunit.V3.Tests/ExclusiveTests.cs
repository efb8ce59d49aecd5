using Xunit;

namespace MocketNet.Xunit.V3.Tests;

/// <summary>
/// Under the aggressive parallel algorithm with two threads (xunit.runner.json), exclusive tests and
/// shared mocketized tests in several collections finish without deadlock; an exclusive test runs while
/// no shared one does, and code with no ambient scope (flow suppressed) reaches its scope. The exclusive
/// tests share one collection, so at most one of them holds a thread while it waits: the parallel
/// isolation tests need the other thread to start their second half (see docs/adapters.md).
/// </summary>
public class ExclusiveTests
{
    [Fact]
    [Mocketize(Exclusive = true)]
    public async Task Code_without_the_async_context_finds_the_exclusive_tests_scope()
    {
        Mocket.Register(new MocketEntry("background.test", 1, "from the exclusive scope"));
        Task<MocketScope> background;
        using (ExecutionContext.SuppressFlow())
        {
            background = Task.Run(() => Mocket.CurrentScope);
        }

        Assert.Same(Mocket.CurrentScope, await background);
    }

    [Fact]
    [Mocketize(Exclusive = true)]
    public Task An_exclusive_test_runs_while_no_shared_test_does() => SharedTests.AssertNoneRunningAsync();

    [Fact]
    [Mocketize(Exclusive = true)]
    public Task A_second_exclusive_test_also_runs_alone() => SharedTests.AssertNoneRunningAsync();
}

/// <summary>Shared tests in two classes, so in two collections that run in parallel with the rest.</summary>
public abstract class SharedAroundExclusiveTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [Mocketize]
    public Task Shared_tests_run_before_and_after_exclusive_ones(int n) => SharedTests.RunAsync(n);
}

public class SharedAroundExclusiveFirstTests : SharedAroundExclusiveTests;

public class SharedAroundExclusiveSecondTests : SharedAroundExclusiveTests;

/// <summary>Shared tests count themselves while they run; exclusive tests check the count stays zero.</summary>
internal static class SharedTests
{
    private static int s_running;

    public static async Task RunAsync(int n)
    {
        Interlocked.Increment(ref s_running);
        try
        {
            Mocket.Register(new MocketEntry("shared-around.test", n, "x"));
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(10);
            }

            Assert.Single(Mocket.CurrentScope.Entries);
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
        }
    }

    public static async Task AssertNoneRunningAsync()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, Volatile.Read(ref s_running));
            await Task.Delay(10);
        }
    }
}
