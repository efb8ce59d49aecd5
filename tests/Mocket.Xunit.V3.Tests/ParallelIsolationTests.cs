using MocketNet.Http;
using Xunit;

namespace MocketNet.Xunit.V3.Tests;

/// <summary>
/// Two test classes are two xunit collections, so they run in parallel; the rendezvous proves they
/// overlap. It waits asynchronously: a blocking barrier would hold one of xunit's two threads.
/// </summary>
public static class Overlap
{
    private static readonly Rendezvous s_bothInScope = new(2);
    private static readonly Rendezvous s_bothServed = new(2);

    public static async Task RunAsync(string name)
    {
        MockHttp.SingleRegister("GET", "https://shared.test/resource", body: $"body of {name}", matchQueryString: false);
        await s_bothInScope.ArriveAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient();
        Assert.Equal($"body of {name}", await client.GetStringAsync($"https://shared.test/resource?from={name}"));
        await s_bothServed.ArriveAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(name, Assert.IsType<HttpMockRequest>(Assert.Single(Mocket.Requests)).Query["from"][0]);
    }

    private sealed class Rendezvous(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public async Task ArriveAsync(TimeSpan timeout)
        {
            if (Interlocked.Increment(ref _arrived) == parties)
            {
                _all.SetResult();
            }

            try
            {
                await _all.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                Assert.Fail("the two tests did not run in parallel");
            }
        }
    }
}

public class ParallelIsolationFirstTests
{
    [Fact]
    [Mocketize(Strict = true)]
    public Task Overlapping_tests_on_the_same_location_each_see_their_own_entries() => Overlap.RunAsync("first");
}

public class ParallelIsolationSecondTests
{
    [Fact]
    [Mocketize(Strict = true)]
    public Task Overlapping_tests_on_the_same_location_each_see_their_own_entries() => Overlap.RunAsync("second");
}
