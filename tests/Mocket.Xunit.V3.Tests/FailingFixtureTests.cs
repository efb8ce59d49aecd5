using MocketNet.Tests.Shared;
using Xunit;

namespace MocketNet.Xunit.V3.Tests;

/// <summary>Runs the fixture project once, asynchronously, so no xunit thread is blocked meanwhile.</summary>
public sealed class FixtureRunFixture : IAsyncLifetime
{
    public FixtureRun Run { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Run = await FixtureRun.ExecuteAsync("Mocket.Xunit.V3.Fixtures");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Runs tests/Fixtures/Mocket.Xunit.V3.Fixtures (tests meant to fail, on xunit v3's floor) and checks how they failed.</summary>
public class FailingFixtureTests(FixtureRunFixture fixture) : IClassFixture<FixtureRunFixture>
{
    [Fact]
    public void A_strict_violation_seen_by_the_guard_fails_the_test_naming_the_address()
    {
        var (outcome, message) = fixture.Run["Strict_violation"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("The code under test opened a real connection to 127.0.0.1:", message, StringComparison.Ordinal);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unserved_entries_fail_the_test_naming_them()
    {
        var (outcome, message) = fixture.Run["Unserved_entry"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("('idle.test', 443)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_failure_and_a_violation_are_both_reported()
    {
        var (outcome, message) = fixture.Run["Body_failure_and_violation"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("the body failed", message, StringComparison.Ordinal);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_level_Mocketize_makes_every_test_strict()
    {
        var (outcome, message) = fixture.Run["Assembly_default_makes_this_strict"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_level_Mocketize_merges_with_the_assembly_level_one_its_explicit_settings_winning()
    {
        var (outcome, message) = fixture.Run["Method_level_Mocketize_keeps_the_assembly_strictness"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
        Assert.Equal("Passed", fixture.Run["Method_level_Strict_false_opts_out_and_passes"].Outcome);
    }

    [Fact]
    public void A_refusal_the_test_let_escape_is_reported_once_with_advice_in_attribute_terms()
    {
        var (outcome, message) = fixture.Run["Refused_request_is_reported_once"];
        Assert.Equal("Failed", outcome);
        Assert.Equal(1, Occurrences(message, "Refused by the strict Mocket scope: no entry is registered for nowhere.test:1."));
        Assert.Contains("[Mocketize(Strict = true, AllowedHosts = new[] { \"nowhere.test\" })]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_level_Mocketize_covers_every_data_row()
    {
        Assert.Equal("Failed", fixture.Run["Class_level_row_violation(row: 1)"].Outcome);
        Assert.Equal("Failed", fixture.Run["Class_level_row_violation(row: 2)"].Outcome);
    }

    [Fact]
    public void The_control_test_passes()
    {
        Assert.Equal("Passed", fixture.Run["Control_passes"].Outcome);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
