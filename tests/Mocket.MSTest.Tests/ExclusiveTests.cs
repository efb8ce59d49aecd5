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

    // One exclusive test: MSTest parallelizes every method here, and each exclusive test waiting for its
    // turn takes one of the four workers that the parallel isolation tests need to meet.
    [Mocketize(Exclusive = true)]
    public async Task An_exclusive_test_runs_alone_and_code_without_the_async_context_finds_its_scope()
    {
        Mocket.Register(new MocketEntry("background.test", 1, "from the exclusive scope"));
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual(0, Volatile.Read(ref s_sharedRunning));
            await Task.Delay(10);
        }

        Task<MocketScope> background;
        using (ExecutionContext.SuppressFlow())
        {
            background = Task.Run(() => Mocket.CurrentScope);
        }

        Assert.AreSame(Mocket.CurrentScope, await background);
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
