using Xunit;

namespace MocketNet.Xunit.Tests;

/// <summary>
/// Under the aggressive parallel algorithm with two threads (xunit.runner.json), exclusive and shared
/// mocketized tests in several collections finish without deadlock, and an exclusive test's scope is
/// the only open one: code with no ambient scope (flow suppressed) reaches it.
/// </summary>
public class ExclusiveTests
{
    [Fact]
    [Mocketize(Exclusive = true)]
    public async Task An_exclusive_test_runs_alone_so_code_without_the_async_context_finds_its_scope()
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
    public async Task A_second_exclusive_test_waits_its_turn()
    {
        await Task.Delay(1);
        Assert.Empty(Mocket.CurrentScope.Entries);
    }
}

public class SharedAlongsideExclusiveTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [Mocketize]
    public async Task Shared_tests_keep_running_around_exclusive_ones(int n)
    {
        Mocket.Register(new MocketEntry("shared-around.test", n, "x"));
        await Task.Yield();
        Assert.Single(Mocket.CurrentScope.Entries);
    }
}
