using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Tests.Shared;

namespace MocketNet.MSTest.Tests;

[TestClass]
public class ParallelIsolationTests
{
    private static readonly Barrier s_bothRunning = new(2);

    [Mocketize(Strict = true)]
    [DataRow("first")]
    [DataRow("second")]
    public async Task Overlapping_tests_on_the_same_location_each_see_their_own_entries(string name)
    {
        Mocket.Register(new MocketEntry("shared.test", 80, $"body of {name}"));
        Assert.IsTrue(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)), "the two tests did not run in parallel");
        await using var stream = Mocket.Connect("shared.test", 80);
        Assert.AreEqual($"body of {name}", await Wire.ExchangeAsync(stream, $"request of {name}"));
        Assert.IsTrue(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)));
        Assert.HasCount(1, Mocket.Requests);
    }
}
