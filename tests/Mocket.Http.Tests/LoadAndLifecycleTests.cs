using System.Diagnostics;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests;

/// <summary>Load and lifecycle, sized for a 2-core CI machine: many calls at once, many scopes, a scope closed under load.</summary>
[Collection(SerialTests.Name)]
public class LoadAndLifecycleTests
{
    [Theory]
    [InlineData(ClientKind.Explicit, "http")]
    [InlineData(ClientKind.Explicit, "https")]
    [InlineData(ClientKind.Global, "http")]
    [InlineData(ClientKind.Global, "https")]
    public async Task A_thousand_concurrent_requests_are_each_answered_correctly_and_logged_once(ClientKind kind, string scheme)
    {
        const int Count = 1_000;
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockHttp.Register("GET", $"{scheme}://load.test/items/{{id}}", HttpMockResponse.From(r => new HttpMockResponse("item " + r.RouteValues["id"])));
        using var client = Clients.Create(kind);

        var bodies = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => client.GetStringAsync(new Uri($"{scheme}://load.test/items/{i}"))))
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Enumerable.Range(0, Count).Select(i => "item " + i), bodies);
        var paths = scope.Requests.Cast<HttpMockRequest>().Select(r => r.Path).ToList();
        Assert.Equal(Count, paths.Count);
        Assert.Equal(Count, paths.Distinct().Count());
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task Ten_thousand_scopes_with_traffic_leave_no_thread_timer_or_memory_behind()
    {
        await CycleAsync(200); // warm up: pools, JIT, the CA's certificates
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var threads = Process.GetCurrentProcess().Threads.Count;
        var timers = Timer.ActiveCount;
        var memory = GC.GetTotalMemory(forceFullCollection: true);

        await CycleAsync(10_000);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(Mocket.IsEnabled);
        Assert.InRange(Process.GetCurrentProcess().Threads.Count, 0, threads + 8);
        Assert.InRange(Timer.ActiveCount, 0, timers + 8);
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true), 0, memory + (16 * 1024 * 1024));
    }

    [Fact]
    public async Task Closing_a_scope_with_fifty_requests_in_flight_fails_each_at_once()
    {
        var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://slow.test/wait", new HttpMockResponse("late").WithDelay(TimeSpan.FromMinutes(5)));
        using var handlerClient = MockHttp.CreateClient();
        using var globalClient = new HttpClient();
        var calls = Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? handlerClient : globalClient).GetAsync(new Uri("http://slow.test/wait"))).ToList();
        while (scope.Requests.Count < 50)
        {
            await Task.Delay(10);
        }

        var clock = Stopwatch.StartNew();
        scope.Close();
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("Mocket scope", error.ToString(), StringComparison.Ordinal);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the calls ended {clock.Elapsed} after the close");
    }

    private static async Task CycleAsync(int cycles)
    {
        for (var i = 0; i < cycles; i++)
        {
            using var scope = Mocket.Enable(new MocketOptions { Strict = true });
            MockHttp.Register("GET", "http://cycle.test/", "ok");
            using var client = MockHttp.CreateClient();
            Assert.Equal("ok", await client.GetStringAsync(new Uri("http://cycle.test/")));
        }
    }
}
