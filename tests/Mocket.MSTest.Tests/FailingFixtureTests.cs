using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Tests.Shared;

namespace MocketNet.MSTest.Tests;

/// <summary>Runs tests/Fixtures/Mocket.MSTest.Fixtures (tests meant to fail) and checks how they failed.</summary>
[TestClass]
[DoNotParallelize]
public class FailingFixtureTests
{
    private static FixtureRun s_run = null!;

    [ClassInitialize]
    public static async Task RunFixtures(TestContext context) => s_run = await FixtureRun.ExecuteAsync("Mocket.MSTest.Fixtures");

    [TestMethod]
    public void A_strict_violation_seen_by_the_guard_fails_the_test_with_a_clean_message()
    {
        var (outcome, message) = s_run["Strict_violation"];
        Assert.AreEqual("Failed", outcome);
        Assert.StartsWith("The strict Mocket scope closed with 1 violation(s)", message);
        Assert.Contains("Attempted address: 127.0.0.1:", message);
    }

    [TestMethod]
    public void Unserved_entries_fail_the_test_naming_them()
    {
        var (outcome, message) = s_run["Unserved_entry"];
        Assert.AreEqual("Failed", outcome);
        Assert.Contains("('idle.test', 443)", message);
    }

    [TestMethod]
    public void A_body_failure_and_a_violation_are_both_reported()
    {
        var (outcome, message) = s_run["Body_failure_and_violation"];
        Assert.AreEqual("Failed", outcome);
        Assert.Contains("the body failed", message);
        Assert.Contains("Attempted address: 127.0.0.1:", message);
    }

    [TestMethod]
    public void A_MocketizeClass_wraps_every_data_row()
    {
        var (outcome, message) = s_run["Class_level_row_violation (1)"];
        Assert.AreEqual("Failed", outcome, message);
        Assert.AreEqual("Failed", s_run["Class_level_row_violation (2)"].Outcome);
    }

    [TestMethod]
    public void A_method_level_Mocketize_merges_with_the_class_level_one_its_explicit_settings_winning()
    {
        var (outcome, message) = s_run["Method_level_Mocketize_keeps_the_class_strictness"];
        Assert.AreEqual("Failed", outcome, message);
        Assert.Contains("Attempted address: 127.0.0.1:", message);
        Assert.AreEqual("Passed", s_run["Method_level_Strict_false_opts_out_and_passes"].Outcome);
    }

    [TestMethod]
    public void A_refusal_the_test_let_escape_is_reported_once_with_advice_in_attribute_terms()
    {
        var (outcome, message) = s_run["Refused_request_is_reported_once"];
        Assert.AreEqual("Failed", outcome);
        const string Headline = "Refused by the strict Mocket scope: no entry is registered for nowhere.test:1.";
        Assert.AreEqual(1, (message.Length - message.Replace(Headline, string.Empty, StringComparison.Ordinal).Length) / Headline.Length, message);
        Assert.Contains("[Mocketize(Strict = true, AllowedHosts = new[] { \"nowhere.test\" })]", message);
        Assert.DoesNotContain("<>", message);
    }

    [TestMethod]
    public void The_control_test_passes()
    {
        Assert.AreEqual("Passed", s_run["Control_passes"].Outcome);
    }
}
