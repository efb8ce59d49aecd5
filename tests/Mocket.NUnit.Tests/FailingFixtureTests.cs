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
        Assert.That(message, Does.Contain("The code under test opened a real connection to 127.0.0.1:").And.Contain("Attempted address: 127.0.0.1:"));
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
    public void A_method_level_Mocketize_merges_with_the_assembly_level_one_its_explicit_settings_winning()
    {
        var (outcome, message) = s_run.Value["Method_level_Mocketize_keeps_the_assembly_strictness"];
        Assert.That(outcome, Is.EqualTo("Failed"));
        Assert.That(message, Does.Contain("Attempted address: 127.0.0.1:"));
        Assert.That(s_run.Value["Method_level_Strict_false_opts_out_and_passes"].Outcome, Is.EqualTo("Passed"));
    }

    [Test]
    public void A_refusal_the_test_let_escape_is_reported_once_with_advice_in_attribute_terms()
    {
        var (outcome, message) = s_run.Value["Refused_request_is_reported_once"];
        Assert.That(outcome, Is.EqualTo("Failed"));
        Assert.That(Occurrences(message, "Refused by the strict Mocket scope: no entry is registered for nowhere.test:1."), Is.EqualTo(1), message);
        Assert.That(message, Does.Contain("[Mocketize(Strict = true, AllowedHosts = new[] { \"nowhere.test\" })]"));
        Assert.That(message, Does.Not.Contain("<>"), "no compiler-generated type names");
    }

    [Test]
    public void The_control_test_passes()
    {
        Assert.That(s_run.Value["Control_passes"].Outcome, Is.EqualTo("Passed"));
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
