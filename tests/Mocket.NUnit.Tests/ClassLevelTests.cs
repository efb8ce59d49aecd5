using MocketNet.Tests.Shared;
using NUnit.Framework;

namespace MocketNet.NUnit.Tests;

[Mocketize(Strict = true, AllowedHosts = ["allowed.test"])]
public class ClassLevelTests
{
    [Test]
    public void Every_test_in_the_class_gets_the_class_settings()
    {
        Assert.That(Mocket.CurrentScope.Options.Strict, Is.True);
        Assert.That(Mocket.CurrentScope.Options.AllowedHosts, Is.EqualTo(new[] { "allowed.test" }));
    }

    [Test]
    [Mocketize(Exclusive = false)]
    public void A_method_attribute_merges_with_the_class_one_and_opens_one_scope_only()
    {
        Assert.That(Mocket.CurrentScope.Options.Strict, Is.True);
        Assert.That(Mocket.CurrentScope.Options.AllowedHosts, Is.EqualTo(new[] { "allowed.test" }));
        Mocket.Register(new MocketEntry("inner.test", 1, "x"));
        Assert.That(Mocket.CurrentScope.Entries, Has.Count.EqualTo(1));
    }

    [Test]
    [Mocketize(Strict = false, AllowedHosts = [])]
    public void A_method_attribute_s_explicit_settings_win()
    {
        Assert.That(Mocket.CurrentScope.Options.Strict, Is.False);
        Assert.That(Mocket.CurrentScope.Options.AllowedHosts, Is.Empty);
    }

    [Test]
    public async Task A_test_can_use_the_scope_from_async_code_it_starts()
    {
        Mocket.Register(new MocketEntry("class.test", 6379, "+PONG\r\n"));
        var reply = await Task.Run(async () =>
        {
            await using var stream = Mocket.Connect("class.test", 6379);
            return await Wire.ExchangeAsync(stream, "PING\r\n");
        });
        Assert.That(reply, Is.EqualTo("+PONG\r\n"));
    }
}
