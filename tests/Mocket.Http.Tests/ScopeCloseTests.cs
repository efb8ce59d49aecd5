using System.Diagnostics;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests;

/// <summary>Closing a scope with calls in flight: each fails at once, as a call whose server went away, and says the scope closed.</summary>
public class ScopeCloseTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_call_in_flight_fails_at_once_as_an_HttpRequestException_saying_the_scope_closed(ClientKind kind)
    {
        var scope = Mocket.Enable();
        MockHttp.Register("GET", "http://slow.test/report", new HttpMockResponse("late").WithDelay(TimeSpan.FromSeconds(60)));
        using var client = Clients.Create(kind);
        var call = client.GetStringAsync(new Uri("http://slow.test/report"));
        await WaitForAsync(() => scope.HasRequests);

        var clock = Stopwatch.StartNew();
        scope.Close();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the call ended {clock.Elapsed} after the close");
        Assert.Contains("Mocket scope", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("was closed", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the request never reached the scope");
            await Task.Delay(10);
        }
    }
}
