using MocketNet.Tests.Shared;
using NUnit.Framework;

[assembly: LevelOfParallelism(4)]

namespace MocketNet.NUnit.Tests;

[Parallelizable(ParallelScope.Children)]
public class ParallelIsolationTests
{
    private static readonly Barrier s_bothRunning = new(2);

    [TestCase("first")]
    [TestCase("second")]
    [Mocketize(Strict = true)]
    public async Task Overlapping_tests_on_the_same_location_each_see_their_own_entries(string name)
    {
        Mocket.Register(new MocketEntry("shared.test", 80, $"body of {name}"));

        // Both tests are inside their scopes at once: they provably overlap.
        Assert.That(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)), Is.True, "the two tests did not run in parallel");
        await using var stream = Mocket.Connect("shared.test", 80);
        Assert.That(await Wire.ExchangeAsync(stream, $"request of {name}"), Is.EqualTo($"body of {name}"));
        Assert.That(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)), Is.True);

        Assert.That(Mocket.Requests, Has.Count.EqualTo(1));
        Mocket.AssertLastRequest(r => System.Text.Encoding.UTF8.GetString(r.Data.Span) == $"request of {name}");
    }
}
