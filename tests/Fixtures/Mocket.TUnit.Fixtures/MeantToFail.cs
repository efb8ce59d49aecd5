using MocketNet.Tests.Shared;

// TUnit runs event receivers found on the assembly: the team default for every test here.
[assembly: MocketNet.TUnit.Mocketize(Strict = true)]

namespace MocketNet.TUnit.Fixtures;

public class MeantToFail
{
    [Test]
    [Mocketize(Strict = true)]
    public void Strict_violation() => Wire.ConnectToClosedLoopbackPort();

    [Test]
    [Mocketize(AssertAllEntriesServed = true)]
    public void Unserved_entry() => Mocket.Register(new MocketEntry("idle.test", 443, "never asked"));

    [Test]
    [Mocketize(Strict = true)]
    public void Body_failure_and_violation()
    {
        Wire.ConnectToClosedLoopbackPort();
        throw new InvalidOperationException("the body failed");
    }

    [Test]
    public void Assembly_default_makes_this_strict() => Wire.ConnectToClosedLoopbackPort();

    [Test]
    [Mocketize(AssertAllEntriesServed = true)]
    public void Method_level_Mocketize_keeps_the_assembly_strictness() => Wire.ConnectToClosedLoopbackPort();

    [Test]
    [Mocketize(Strict = false)]
    public void Method_level_Strict_false_opts_out_and_passes() => Wire.ConnectToClosedLoopbackPort();

    [Test]
    public void Refused_request_is_reported_once() => Mocket.Connect("nowhere.test", 1);

    [Test]
    [Mocketize(Strict = true)]
    public async Task Control_passes()
    {
        Mocket.Register(new MocketEntry("ok.test", 1, "ok"));
        await using var stream = Mocket.Connect("ok.test", 1);
        await Assert.That(await Wire.ExchangeAsync(stream, "hi")).IsEqualTo("ok");
    }
}

[Mocketize(Strict = true)]
public class ClassLevelMeantToFail
{
    [Test]
    [Arguments(1)]
    [Arguments(2)]
    public void Class_level_row_violation(int row) => _ = Wire.ConnectToClosedLoopbackPort() + row;
}
