// The test .ci/install-test adds beside redis-install-test.cs: it uses only Mocket.Core's API, so nothing loads
// Mocket.Http before the request unless Mocket finds the pack itself (MocketPack discovery, docs/architecture.md).
// With the Mocket.Http package referenced, a strict scope refuses `new HttpClient()` in memory: no DNS lookup.
using MocketNet;

public class CoreOnlyTests
{
    [Fact]
    public async Task A_strict_scope_refuses_a_plain_HttpClient_with_only_Mocket_Core_named()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        try
        {
            using var client = new HttpClient();
            var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("http://api.test/")));

            var chain = new List<Exception>();
            for (var e = error; e is not null; e = e.InnerException)
            {
                chain.Add(e);
            }

            Assert.Contains(chain, e => e is StrictMocketException);
        }
        finally
        {
            var violations = scope.Close(throwOnViolations: false);
            Assert.DoesNotContain(violations, v => v.Kind == MocketViolationKind.DnsLookup);
        }
    }
}
