using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>A StackExchange.Redis client the test forgot to route to Mocket: reported once per address, with how to route it.</summary>
public class UnroutedClientTests
{
    [Fact]
    public async Task A_strict_scope_names_an_unrouted_Redis_client_once_with_its_attempts_and_the_way_to_route_it()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        await using (var unrouted = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:6379,abortConnect=false,connectTimeout=300,connectRetry=3"))
        {
            await Task.Delay(1_000); // it keeps reconnecting in the background meanwhile
        }

        var violations = scope.Close(throwOnViolations: false);

        var violation = Assert.Single(violations, v => v.Address == "127.0.0.1:6379");
        Assert.Equal(MocketViolationKind.Connection, violation.Kind);
        Assert.True(violation.Attempts >= 1);
        Assert.Contains("MockRedis.ConfigurationOptions()", violation.Message, StringComparison.Ordinal);
    }
}
