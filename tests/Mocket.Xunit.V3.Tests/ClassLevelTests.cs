using MocketNet.Tests.Shared;
using Xunit;

namespace MocketNet.Xunit.V3.Tests;

[Mocketize(Strict = true, AllowedHosts = ["allowed.test"])]
public class ClassLevelTests
{
    [Fact]
    public void Every_test_in_the_class_gets_the_class_settings()
    {
        Assert.True(Mocket.CurrentScope.Options.Strict);
        Assert.Equal(["allowed.test"], Mocket.CurrentScope.Options.AllowedHosts);
    }

    [Fact]
    [Mocketize]
    public void A_method_attribute_merges_with_the_class_one_and_opens_one_scope_only()
    {
        Assert.True(Mocket.CurrentScope.Options.Strict);
        Assert.Null(GetParent(Mocket.CurrentScope));
    }

    [Fact]
    [Mocketize(Strict = false)]
    public void A_method_attribute_s_explicit_settings_win() => Assert.False(Mocket.CurrentScope.Options.Strict);

    [Fact]
    public async Task A_test_can_use_the_scope_from_async_code_it_starts()
    {
        Mocket.Register(new MocketEntry("class.test", 6379, "+PONG\r\n"));
        var reply = await Task.Run(async () =>
        {
            await using var stream = Mocket.Connect("class.test", 6379);
            return await Wire.ExchangeAsync(stream, "PING\r\n");
        });
        Assert.Equal("+PONG\r\n", reply);
    }

    private static object? GetParent(MocketScope scope) =>
        typeof(MocketScope).GetProperty("Parent", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(scope);
}
