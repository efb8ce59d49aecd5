using MocketNet.Http;

namespace MocketNet.TUnit.Fixtures;

/// <summary>
/// TUnit runs tests in parallel by default; the rendezvous proves these two overlap, each with an entry at the
/// same location, and each sees only its own entry and its own request.
/// </summary>
public class ParallelIsolationTests
{
    private static readonly Rendezvous s_bothInScope = new(2);
    private static readonly Rendezvous s_bothServed = new(2);

    [Test]
    [Arguments("first")]
    [Arguments("second")]
    [Mocketize(Strict = true)]
    public async Task Overlapping_tests_on_the_same_location_each_see_their_own_entries(string name)
    {
        MockHttp.SingleRegister("GET", "https://shared.test/resource", body: $"body of {name}", matchQueryString: false);
        await s_bothInScope.ArriveAsync();
        using var client = new HttpClient();
        await Assert.That(await client.GetStringAsync(new Uri($"https://shared.test/resource?from={name}"))).IsEqualTo($"body of {name}");
        await s_bothServed.ArriveAsync();
        var request = (HttpMockRequest)Mocket.Requests.Single();
        await Assert.That(request.Query["from"][0]).IsEqualTo(name);
    }

    private sealed class Rendezvous(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public async Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) == parties)
            {
                _all.SetResult();
            }

            await _all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}

/// <summary>An exclusive test runs while no shared mocketized test does, and code without the test's async context finds its scope.</summary>
public class ExclusiveTests
{
    private static int s_running;

    [Test]
    [Arguments(1)]
    [Arguments(2)]
    [Arguments(3)]
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

            await Assert.That(Mocket.CurrentScope.Entries.Count).IsEqualTo(1);
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
        }
    }

    [Test]
    [Mocketize(Exclusive = true)]
    public async Task An_exclusive_test_runs_while_no_shared_test_does()
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.That(Volatile.Read(ref s_running)).IsEqualTo(0);
            await Task.Delay(10);
        }
    }

    [Test]
    [Mocketize(Exclusive = true)]
    public async Task Code_without_the_async_context_finds_the_exclusive_tests_scope()
    {
        Task<MocketScope> background;
        using (ExecutionContext.SuppressFlow())
        {
            background = Task.Run(() => Mocket.CurrentScope);
        }

        await Assert.That(await background).IsSameReferenceAs(Mocket.CurrentScope);
    }
}
