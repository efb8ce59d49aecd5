using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Tests.Shared;

namespace MocketNet.MSTest.Tests;

[MocketizeClass(Strict = true, AllowedHosts = ["allowed.test"])]
public class ClassLevelTests
{
    [TestMethod]
    public void Every_test_in_the_class_gets_the_class_settings()
    {
        Assert.IsTrue(Mocket.CurrentScope.Options.Strict);
        CollectionAssert.AreEqual(new[] { "allowed.test" }, Mocket.CurrentScope.Options.AllowedHosts.ToArray());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void Every_data_row_gets_its_own_scope(int row)
    {
        Assert.IsEmpty(Mocket.CurrentScope.Entries);
        Mocket.Register(new MocketEntry("row.test", row, "x"));
    }

    [Mocketize]
    public void A_method_attribute_merges_with_the_class_one() => Assert.IsTrue(Mocket.CurrentScope.Options.Strict);

    [Mocketize(Strict = false)]
    public void A_method_attribute_s_explicit_settings_win() => Assert.IsFalse(Mocket.CurrentScope.Options.Strict);

    [TestMethod]
    public async Task A_test_can_use_the_scope_from_async_code_it_starts()
    {
        Mocket.Register(new MocketEntry("class.test", 6379, "+PONG\r\n"));
        var reply = await Task.Run(async () =>
        {
            await using var stream = Mocket.Connect("class.test", 6379);
            return await Wire.ExchangeAsync(stream, "PING\r\n");
        });
        Assert.AreEqual("+PONG\r\n", reply);
    }
}
