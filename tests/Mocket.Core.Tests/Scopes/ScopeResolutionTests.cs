using MocketNet.Scopes;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Scopes;

[Collection(SerialTests.Name)]
public class ScopeResolutionTests
{
    [Fact]
    public async Task Code_with_no_ambient_scope_uses_the_single_open_scope()
    {
        using var scope = Mocket.Enable();

        Task<MocketScope> task;
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(() => Mocket.CurrentScope);
        }

        Assert.Same(scope, await task);
    }

    [Fact]
    public async Task Several_open_scopes_and_no_ambient_one_is_an_error_that_says_how_to_fix_it()
    {
        using var first = await Task.Run(() => Mocket.Enable());
        using var second = await Task.Run(() => Mocket.Enable());

        Task<MocketScope> task;
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(() => Mocket.CurrentScope);
        }

        var error = await Assert.ThrowsAsync<AmbiguousMocketScopeException>(() => task);
        Assert.Contains("2 scopes are open", error.Message, StringComparison.Ordinal);
        Assert.Contains("[Mocketize(Exclusive = true)]", error.Message, StringComparison.Ordinal);
        Assert.Contains("PreserveExecutionContext", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_with_no_ambient_scope_uses_the_exclusive_scope_while_others_are_open()
    {
        using var shared = await Task.Run(() => Mocket.Enable());
        using var exclusive = await Task.Run(() => Mocket.Enable(new MocketOptions { Exclusive = true }));

        Task<MocketScope> task;
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(() => Mocket.CurrentScope);
        }

        Assert.Same(exclusive, await task);
    }

    [Fact]
    public async Task Two_exclusive_scopes_and_no_ambient_one_is_an_error()
    {
        using var first = await Task.Run(() => Mocket.Enable(new MocketOptions { Exclusive = true }));
        using var second = await Task.Run(() => Mocket.Enable(new MocketOptions { Exclusive = true }));

        Task<MocketScope> task;
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(() => Mocket.CurrentScope);
        }

        await Assert.ThrowsAsync<AmbiguousMocketScopeException>(() => task);
    }

    [Fact]
    public async Task A_late_request_from_a_closed_scope_s_flow_never_reaches_another_open_scope()
    {
        var late = new TaskCompletionSource();
        Task lateRequest;
        using (var first = Mocket.Enable(new MocketOptions { Strict = true }))
        {
            Mocket.Register(new MocketEntry("shared.test", 1, "first"));

            // Work the first test started and did not await: it captured the test's flow.
            lateRequest = Task.Run(async () =>
            {
                await late.Task;
                await using var stream = Mocket.Connect("shared.test", 1);
            });
        }

        // Meanwhile another strict test runs, with an entry at the same location.
        using var second = await Task.Run(() => Mocket.Enable(new MocketOptions { Strict = true }));
        second.Register(new MocketEntry("shared.test", 1, "second"));
        late.SetResult();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => lateRequest);
        Assert.Contains("outlived its test", error.Message, StringComparison.Ordinal);
        Assert.Empty(second.Requests);
        Assert.Empty(second.Violations);
    }

    [Fact]
    public void With_no_scope_open_the_facade_says_Mocket_is_not_enabled()
    {
        Assert.False(Mocket.IsEnabled);
        var error = Assert.Throws<InvalidOperationException>(() => Mocket.Register(new MocketEntry("a.test", 1, "x")));
        Assert.Contains("Mocket.Enable()", error.Message, StringComparison.Ordinal);
        Mocket.Disable(); // nothing open: nothing to do
    }

    [Fact]
    public void Disable_closes_the_current_scope()
    {
        var scope = Mocket.Enable();
        Mocket.Disable();
        Assert.True(scope.IsClosed);
        Assert.False(Mocket.IsEnabled);
    }

    [Fact]
    public async Task Ten_thousand_Enable_Dispose_cycles_leave_no_listener_socket_thread_or_timer_behind()
    {
        // Warm up every lazily created piece once, then measure.
        await CycleAsync(withListener: true);
        var before = ResourceCounts.Take();

        for (var i = 0; i < 10_000; i++)
        {
            await CycleAsync(withListener: i % 100 == 0);
        }

        var after = ResourceCounts.Take();
        Assert.Equal(0, MocketScopes.OpenCount);
        Assert.False(MocketNet.Guard.NetworkGuard.IsListening);
        Assert.Equal(before.Sockets, after.Sockets);
        // No more than before: a timer an earlier test left running may end meanwhile (seen once in CI), which is no leak.
        Assert.InRange(after.Timers, 0, before.Timers);
        Assert.InRange(after.OwnThreads, 0, before.OwnThreads);
    }

    private static async Task CycleAsync(bool withListener)
    {
        using var scope = Mocket.Enable();
        scope.Register(new MocketEntry("cycle.test", 7, "pong"));
        await using (var stream = scope.Connect("cycle.test", 7))
        {
            Assert.Equal("pong", await Net.ExchangeAsync(stream, "ping"));
        }

        if (withListener)
        {
            var endPoint = scope.Listen("cycle.test", 7);
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(endPoint);
            Assert.Equal("pong", await Net.ExchangeAsync(client.GetStream(), "ping"));
        }
    }
}
