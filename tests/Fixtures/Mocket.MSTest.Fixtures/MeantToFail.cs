using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Tests.Shared;

// MSTest 4.0.2 (the floor these fixtures run at) makes MSTEST0001 an error: say how the assembly runs.
[assembly: DoNotParallelize]

namespace MocketNet.MSTest.Fixtures;

[TestClass]
public class MeantToFail
{
    [Mocketize(Strict = true)]
    public void Strict_violation() => Wire.ConnectToClosedLoopbackPort();

    [Mocketize(AssertAllEntriesServed = true)]
    public void Unserved_entry() => Mocket.Register(new MocketEntry("idle.test", 443, "never asked"));

    [Mocketize(Strict = true)]
    public void Body_failure_and_violation()
    {
        Wire.ConnectToClosedLoopbackPort();
        Assert.Fail("the body failed");
    }

    [Mocketize(Strict = true)]
    public async Task Control_passes()
    {
        Mocket.Register(new MocketEntry("ok.test", 1, "ok"));
        await using var stream = Mocket.Connect("ok.test", 1);
        Assert.AreEqual("ok", await Wire.ExchangeAsync(stream, "hi"));
    }
}

[MocketizeClass(Strict = true)]
public class ClassLevelMeantToFail
{
    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void Class_level_row_violation(int row) => Assert.IsTrue(Wire.ConnectToClosedLoopbackPort() > 0 && row > 0);

    [Mocketize(AssertAllEntriesServed = true)]
    public void Method_level_Mocketize_keeps_the_class_strictness() => Wire.ConnectToClosedLoopbackPort();

    [Mocketize(Strict = false)]
    public void Method_level_Strict_false_opts_out_and_passes() => Wire.ConnectToClosedLoopbackPort();

    [TestMethod]
    public void Refused_request_is_reported_once() => Mocket.Connect("nowhere.test", 1);
}
