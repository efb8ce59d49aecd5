using MocketNet.Tests.Shared;
using Xunit;

namespace MocketNet.Xunit.Tests;

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
        Mocket.Register(new MocketEntry("shared.test", 80, $"body of {name}"));
        await s_bothInScope.ArriveAsync(TimeSpan.FromSeconds(60));
        await using var stream = Mocket.Connect("shared.test", 80);
        Assert.Equal($"body of {name}", await Wire.ExchangeAsync(stream, $"request of {name}"));
        await s_bothServed.ArriveAsync(TimeSpan.FromSeconds(60));
        Assert.Single(Mocket.Requests);
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
