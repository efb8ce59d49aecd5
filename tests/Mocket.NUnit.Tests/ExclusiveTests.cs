using NUnit.Framework;

namespace MocketNet.NUnit.Tests;

/// <summary>
/// Exclusive tests run while no shared mocketized test does (the shared ones count themselves); code with
/// no ambient scope (flow suppressed) reaches the exclusive scope. This fixture runs in parallel with the
/// others but its tests one at a time, so at most one exclusive test holds a worker while it waits: the
/// parallel isolation tests need free workers to meet (see docs/adapters.md).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public class ExclusiveTests
{
    [Test]
    [Mocketize(Exclusive = true)]
    public async Task Code_without_the_async_context_finds_the_exclusive_tests_scope()
    {
        Mocket.Register(new MocketEntry("background.test", 1, "from the exclusive scope"));
        Task<MocketScope> background;
        using (ExecutionContext.SuppressFlow())
        {
            background = Task.Run(() => Mocket.CurrentScope);
        }

        Assert.That(await background, Is.SameAs(Mocket.CurrentScope));
    }

    [TestCase(1)]
    [TestCase(2)]
    [Mocketize(Exclusive = true)]
    public async Task An_exclusive_test_runs_while_no_shared_test_does(int n)
    {
        Mocket.Register(new MocketEntry("exclusive.test", n, "x"));
        for (var i = 0; i < 5; i++)
        {
            Assert.That(SharedAroundExclusiveTests.Running, Is.Zero);
            await Task.Delay(10);
        }
    }
}

[Parallelizable(ParallelScope.All)]
public class SharedAroundExclusiveTests
{
    private static int s_running;

    public static int Running => Volatile.Read(ref s_running);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [Mocketize]
    public async Task Shared_tests_run_before_and_after_exclusive_ones(int n)
    {
        Interlocked.Increment(ref s_running);
        try
        {
            Mocket.Register(new MocketEntry("shared-around.test", n, "x"));
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(10);
            }

            Assert.That(Mocket.CurrentScope.Entries, Has.Count.EqualTo(1));
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
        }
    }
}
