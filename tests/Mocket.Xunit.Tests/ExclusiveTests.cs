using Xunit;

namespace MocketNet.Xunit.Tests;

/// <summary>
/// Under the aggressive parallel algorithm with two threads (xunit.runner.json), an exclusive test runs
/// beside shared ones (nothing waits, so nothing can deadlock), and code with no ambient scope (flow
/// suppressed) reaches the exclusive test's scope although other scopes are open.
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
