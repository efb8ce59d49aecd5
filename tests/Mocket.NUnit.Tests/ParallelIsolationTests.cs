using MocketNet.Http;
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
        MockHttp.SingleRegister("GET", "https://shared.test/resource", body: $"body of {name}", matchQueryString: false);

        // Both tests are inside their scopes at once: they provably overlap.
        Assert.That(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)), Is.True, "the two tests did not run in parallel");
        using var client = new HttpClient();
        Assert.That(await client.GetStringAsync($"https://shared.test/resource?from={name}"), Is.EqualTo($"body of {name}"));
        Assert.That(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)), Is.True);

        Assert.That(Mocket.Requests, Has.Count.EqualTo(1));
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Query["from"][0] == name);
    }
}
