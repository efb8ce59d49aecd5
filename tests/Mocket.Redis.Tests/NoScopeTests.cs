using MocketNet.Redis.Tests.Support;

namespace MocketNet.Redis.Tests;

/// <summary>Runs alone: it needs no scope open anywhere in the process.</summary>
[Collection(SerialTests.Name)]
public class NoScopeTests
{
    [Fact]
    public async Task Connecting_without_a_scope_fails_at_once_saying_what_to_do()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MockRedis.ConnectAsync());

        Assert.Contains("Mocket.Enable()", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => MockRedis.Listen());
    }
}
