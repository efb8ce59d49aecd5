using MocketNet.Tests.Shared;
using Xunit;

namespace MocketNet.Xunit.Fixtures;

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
        throw new InvalidOperationException("the body failed");
    }

    [Fact]
    [Mocketize(Strict = true)]
    public void Refused_request_is_reported_once() => Mocket.Connect("nowhere.test", 1);

    [Fact]
    [Mocketize(Strict = true)]
    public async Task Refused_request_in_an_async_test_is_reported_once()
    {
        await Task.Yield();
        await using var stream = Mocket.Connect("nowhere.test", 2);
    }

    [Fact]
    [Mocketize(Strict = true)]
    public void Swallowed_refusal_is_reported_at_the_end()
    {
        try
        {
            Mocket.Connect("nowhere.test", 3);
        }
        catch (StrictMocketException)
        {
        }
    }

    [Fact]
    [Mocketize(Strict = true)]
    public async Task Control_passes()
    {
        Mocket.Register(new MocketEntry("ok.test", 1, "ok"));
        await using var stream = Mocket.Connect("ok.test", 1);
        Assert.Equal("ok", await Wire.ExchangeAsync(stream, "hi"));
    }
}

/// <summary>xunit v2 has no assembly-level before/after hook: a base class carries the team's default.</summary>
[Mocketize(Strict = true)]
public abstract class StrictByDefault
{
}

public class InheritsTheDefault : StrictByDefault
{
    [Fact]
    public void Inherited_default_makes_this_strict() => Wire.ConnectToClosedLoopbackPort();

    [Fact]
    [Mocketize(AssertAllEntriesServed = true)]
    public void Method_level_Mocketize_keeps_the_inherited_strictness() => Wire.ConnectToClosedLoopbackPort();

    [Fact]
    [Mocketize(Strict = false)]
    public void Method_level_Strict_false_opts_out_and_passes() => Wire.ConnectToClosedLoopbackPort();
}
