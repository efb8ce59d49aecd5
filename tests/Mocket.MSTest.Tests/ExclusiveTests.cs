using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace MocketNet.MSTest.Tests;

/// <summary>
/// Exclusive tests run while no shared mocketized test does (the shared ones count themselves), with
/// the assembly parallel at method level; code with no ambient scope (flow suppressed) reaches the
/// exclusive scope.
/// </summary>
[TestClass]
public class ExclusiveTests
{
    private static int s_sharedRunning;

    [Mocketize(Exclusive = true)]
    public async Task Code_without_the_async_context_finds_the_exclusive_tests_scope()
    {
        Mocket.Register(new MocketEntry("background.test", 1, "from the exclusive scope"));
        Task<MocketScope> background;
        using (ExecutionContext.SuppressFlow())
        {
            background = Task.Run(() => Mocket.CurrentScope);
        }

        Assert.AreSame(Mocket.CurrentScope, await background);
    }

    [Mocketize(Exclusive = true)]
    [DataRow(1)]
    [DataRow(2)]
    public async Task An_exclusive_test_runs_while_no_shared_test_does(int n)
    {
        Mocket.Register(new MocketEntry("exclusive.test", n, "x"));
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual(0, Volatile.Read(ref s_sharedRunning));
            await Task.Delay(10);
        }
    }

    [Mocketize]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(4)]
    public async Task Shared_tests_run_before_and_after_exclusive_ones(int n)
    {
        Interlocked.Increment(ref s_sharedRunning);
        try
        {
            Mocket.Register(new MocketEntry("shared-around.test", n, "x"));
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(10);
            }

            Assert.HasCount(1, Mocket.CurrentScope.Entries);
        }
        finally
        {
            Interlocked.Decrement(ref s_sharedRunning);
        }
    }
}
