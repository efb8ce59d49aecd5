using MocketNet.Tests.Shared;
using NUnit.Framework;

namespace MocketNet.NUnit.Tests;

/// <summary>Runs tests/Fixtures/Mocket.NUnit.Fixtures (tests meant to fail) and checks how they failed.</summary>
[NonParallelizable]
public class FailingFixtureTests
{
    private static readonly Lazy<FixtureRun> s_run = new(() => FixtureRun.Execute("Mocket.NUnit.Fixtures"));

    [Test]
    public void A_strict_violation_seen_by_the_guard_fails_the_test_naming_the_address()
    {
        var (outcome, message) = s_run.Value["Strict_violation"];
        Assert.That(outcome, Is.EqualTo("Failed"));
        Assert.That(message, Does.Contain("STRICT mode").And.Contain("Attempted address: 127.0.0.1:"));
    }

    [Test]
    public void Unserved_entries_fail_the_test_naming_them()
    {
        var (outcome, message) = s_run.Value["Unserved_entry"];
        Assert.That(outcome, Is.EqualTo("Failed"));
        Assert.That(message, Does.Contain("never served").And.Contain("('idle.test', 443)"));
    }

    [Test]
    public void A_body_failure_and_a_violation_are_both_reported()
    {
        var (outcome, message) = s_run.Value["Body_failure_and_violation"];
        Assert.That(outcome, Is.EqualTo("Failed"));
        Assert.That(message, Does.Contain("the body failed").And.Contain("Attempted address: 127.0.0.1:"));
    }

    [Test]
    public void An_assembly_wide_Mocketize_makes_strict_the_default()
    {
        var (outcome, message) = s_run.Value["Assembly_default_makes_this_strict"];
        Assert.That(outcome, Is.EqualTo("Failed"));
        Assert.That(message, Does.Contain("Attempted address: 127.0.0.1:"));
    }

    [Test]
    public void The_control_test_passes()
    {
        Assert.That(s_run.Value["Control_passes"].Outcome, Is.EqualTo("Passed"));
    }
}
