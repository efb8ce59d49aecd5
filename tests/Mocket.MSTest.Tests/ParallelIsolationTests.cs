using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Http;

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
        MockHttp.SingleRegister("GET", "https://shared.test/resource", body: $"body of {name}", matchQueryString: false);
        Assert.IsTrue(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)), "the two tests did not run in parallel");
        using var client = new HttpClient();
        Assert.AreEqual($"body of {name}", await client.GetStringAsync($"https://shared.test/resource?from={name}"));
        Assert.IsTrue(s_bothRunning.SignalAndWait(TimeSpan.FromSeconds(30)));
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Query["from"][0] == name);
        Assert.HasCount(1, Mocket.Requests);
    }
}
