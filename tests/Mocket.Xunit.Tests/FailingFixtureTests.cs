using MocketNet.Tests.Shared;
using Xunit;

namespace MocketNet.Xunit.Tests;

/// <summary>Runs the fixture project once, asynchronously, so no xunit thread is blocked meanwhile.</summary>
public sealed class FixtureRunFixture : IAsyncLifetime
{
    public FixtureRun Run { get; private set; } = null!;

    public async Task InitializeAsync() => Run = await FixtureRun.ExecuteAsync("Mocket.Xunit.Fixtures");

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Runs tests/Fixtures/Mocket.Xunit.Fixtures (tests meant to fail) and checks how they failed.</summary>
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
    public void A_Mocketize_on_a_base_class_makes_strict_the_default_for_derived_test_classes()
    {
        var (outcome, message) = fixture.Run["Inherited_default_makes_this_strict"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_level_Mocketize_merges_with_the_class_level_one_its_explicit_settings_winning()
    {
        var (outcome, message) = fixture.Run["Method_level_Mocketize_keeps_the_inherited_strictness"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
        Assert.Equal("Passed", fixture.Run["Method_level_Strict_false_opts_out_and_passes"].Outcome);
    }

    [Theory]
    [InlineData("Refused_request_is_reported_once", 1)]
    [InlineData("Refused_request_in_an_async_test_is_reported_once", 2)]
    [InlineData("Swallowed_refusal_is_reported_at_the_end", 3)]
    public void A_refusal_is_reported_once_whether_the_test_let_it_escape_or_swallowed_it(string test, int port)
    {
        var (outcome, message) = fixture.Run[test];
        Assert.Equal("Failed", outcome);
        var headline = $"Refused by the strict Mocket scope: no entry is registered for nowhere.test:{port}.";
        Assert.Equal(1, (message.Length - message.Replace(headline, string.Empty, StringComparison.Ordinal).Length) / headline.Length);
        Assert.Contains("[Mocketize(Strict = true, AllowedHosts = new[] { \"nowhere.test\" })]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_control_test_passes()
    {
        Assert.Equal("Passed", fixture.Run["Control_passes"].Outcome);
    }
}
