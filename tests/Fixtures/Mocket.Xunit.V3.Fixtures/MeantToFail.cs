using MocketNet.Tests.Shared;
using Xunit;

// xunit v3 runs before/after attributes found on the assembly, so a team default needs no base class.
[assembly: MocketNet.Xunit.Mocketize(Strict = true)]

namespace MocketNet.Xunit.V3.Fixtures;

public class MeantToFail
{
    [Fact]
    [Mocketize(Strict = true)]
    public void Strict_violation() => Wire.ConnectToClosedLoopbackPort();

    [Fact]
    [Mocketize(AssertAllEntriesServed = true)]
    public void Unserved_entry() => Mocket.Register(new MocketEntry("idle.test", 443, "never asked"));

    [Fact]
    [Mocketize(Strict = true)]
    public void Body_failure_and_violation()
    {
        Wire.ConnectToClosedLoopbackPort();
        Assert.Fail("the body failed");
    }

    [Fact]
    public void Assembly_default_makes_this_strict() => Wire.ConnectToClosedLoopbackPort();

    [Fact]
    [Mocketize(AssertAllEntriesServed = true)]
    public void Method_level_Mocketize_keeps_the_assembly_strictness() => Wire.ConnectToClosedLoopbackPort();

    [Fact]
    [Mocketize(Strict = false)]
    public void Method_level_Strict_false_opts_out_and_passes() => Wire.ConnectToClosedLoopbackPort();

    [Fact]
    public void Refused_request_is_reported_once() => Mocket.Connect("nowhere.test", 1);

    [Fact]
    [Mocketize(Strict = true)]
    public async Task Control_passes()
    {
        Mocket.Register(new MocketEntry("ok.test", 1, "ok"));
        await using var stream = Mocket.Connect("ok.test", 1);
        Assert.Equal("ok", await Wire.ExchangeAsync(stream, "hi"));
    }
}

[Mocketize(Strict = true)]
public class ClassLevelMeantToFail
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Class_level_row_violation(int row) => Assert.True(Wire.ConnectToClosedLoopbackPort() > 0 && row > 0);
}
