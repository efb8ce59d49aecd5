using MocketNet.Tests.Shared;
using Xunit;

namespace MocketNet.TUnit.Tests;

/// <summary>Runs the TUnit fixtures once on the newest TUnit and once on its floor (MocketTUnitFloor), side by side.</summary>
public sealed class TUnitRuns : IAsyncLifetime
{
    public FixtureRun Newest { get; private set; } = null!;

    public FixtureRun Floor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var newest = FixtureRun.ExecuteAsync("Mocket.TUnit.Fixtures", testingPlatform: true);
        var floor = FixtureRun.ExecuteAsync("Mocket.TUnit.Fixtures", testingPlatform: true, "MocketTUnitAtFloor=true");
        (Newest, Floor) = (await newest, await floor);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class TUnitSuite : ICollectionFixture<TUnitRuns>
{
    public const string Name = "TUnit suite";
}

/// <summary>The tests meant to pass, each checked by name (TUnit runs them in parallel, as it does by default).</summary>
[Collection(TUnitSuite.Name)]
public class PassingTests(TUnitRuns runs)
{
    public static TheoryData<string> Passing =>
    [
        "A_sync_test_gets_its_own_scope",
        "Each_data_row_gets_a_fresh_scope(one)",
        "Each_data_row_gets_a_fresh_scope(two)",
        "The_recording_namespace_is_the_tests_class_method_and_row(one)",
        "StackExchange_Redis_is_served_by_the_tests_own_scope",
        "A_plain_HttpClient_is_served_over_https_by_the_tests_own_scope",
        "Entries_registered_in_a_Before_hook_serve_the_test",
        "Every_test_in_the_class_gets_the_class_settings",
        "A_method_attribute_merges_with_the_class_and_assembly_ones_and_opens_one_scope_only",
        "A_method_attribute_s_explicit_settings_win",
        "A_test_with_no_attribute_of_its_own_is_strict_by_the_assembly_default",
        "Overlapping_tests_on_the_same_location_each_see_their_own_entries(first)",
        "Overlapping_tests_on_the_same_location_each_see_their_own_entries(second)",
        "Shared_tests_run_before_and_after_exclusive_ones(1)",
        "Shared_tests_run_before_and_after_exclusive_ones(2)",
        "Shared_tests_run_before_and_after_exclusive_ones(3)",
        "An_exclusive_test_runs_while_no_shared_test_does",
        "Code_without_the_async_context_finds_the_exclusive_tests_scope",
        "Method_level_Strict_false_opts_out_and_passes",
        "Control_passes",
    ];

    [Theory]
    [MemberData(nameof(Passing))]
    public void Passes(string test)
    {
        var (outcome, message) = runs.Newest[test];
        Assert.True(outcome == "Passed", $"{test}: {outcome}\n{message}");
    }

    [Fact]
    public void The_suite_holds_exactly_the_tests_checked_here_and_in_FailingTests() =>
        Assert.Equal(Passing.Count + FailingTests.MeantToFail.Length, runs.Newest.TestNames.Count);
}

/// <summary>The tests meant to fail (tests/Fixtures/Mocket.TUnit.Fixtures/MeantToFail.cs) and how they failed.</summary>
[Collection(TUnitSuite.Name)]
public class FailingTests(TUnitRuns runs)
{
    internal static readonly string[] MeantToFail =
    [
        "Strict_violation", "Unserved_entry", "Body_failure_and_violation", "Assembly_default_makes_this_strict",
        "Method_level_Mocketize_keeps_the_assembly_strictness", "Refused_request_is_reported_once",
        "Class_level_row_violation(1)", "Class_level_row_violation(2)",
    ];

    [Fact]
    public void A_strict_violation_seen_by_the_guard_fails_the_test_naming_the_address()
    {
        var (outcome, message) = runs.Newest["Strict_violation"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("The code under test opened a real connection to 127.0.0.1:", message, StringComparison.Ordinal);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unserved_entries_fail_the_test_naming_them()
    {
        var (outcome, message) = runs.Newest["Unserved_entry"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("('idle.test', 443)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_failure_and_a_violation_are_both_reported()
    {
        var (outcome, message) = runs.Newest["Body_failure_and_violation"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("the body failed", message, StringComparison.Ordinal);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_level_Mocketize_makes_every_test_strict()
    {
        var (outcome, message) = runs.Newest["Assembly_default_makes_this_strict"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_level_Mocketize_merges_with_the_assembly_level_one_its_explicit_settings_winning()
    {
        var (outcome, message) = runs.Newest["Method_level_Mocketize_keeps_the_assembly_strictness"];
        Assert.Equal("Failed", outcome);
        Assert.Contains("Attempted address: 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_the_test_let_escape_is_reported_once_with_advice_in_attribute_terms()
    {
        var (outcome, message) = runs.Newest["Refused_request_is_reported_once"];
        Assert.Equal("Failed", outcome);
        Assert.Equal(1, Occurrences(message, "Refused by the strict Mocket scope: no entry is registered for nowhere.test:1."));
        Assert.Contains("[Mocketize(Strict = true, AllowedHosts = new[] { \"nowhere.test\" })]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_level_Mocketize_covers_every_data_row()
    {
        Assert.Equal("Failed", runs.Newest["Class_level_row_violation(1)"].Outcome);
        Assert.Equal("Failed", runs.Newest["Class_level_row_violation(2)"].Outcome);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}

/// <summary>The same suite on TUnit's floor: every test ends as it does on the newest TUnit.</summary>
[Collection(TUnitSuite.Name)]
public class FloorTests(TUnitRuns runs)
{
    [Fact]
    public void Every_test_has_the_same_outcome_on_the_floor_as_on_the_newest_TUnit()
    {
        Assert.Equal(runs.Newest.TestNames.Order(StringComparer.Ordinal), runs.Floor.TestNames.Order(StringComparer.Ordinal));
        Assert.All(runs.Newest.TestNames, name => Assert.Equal(runs.Newest[name].Outcome, runs.Floor[name].Outcome));
    }
}
