using System.Net;
using MocketNet.Policy;
using MocketNet.Scopes;

namespace MocketNet.Tests.Policy;

/// <summary>The policy as a table: a scope's options and what is known of a request or connection → what happens.</summary>
public class MocketPolicyTests
{
    private static readonly MocketLocation s_api = new("api.test", 443);
    private static readonly MocketLocation s_allowed = new("allowed.test", 443);

    // Record modes: "-" the scope does not record.
    public static TheoryData<bool, string, bool, bool, bool, string> Requests => new()
    {
        // strict, record, entry, built-in, replay missed → action
        { false, "-", true, false, false, nameof(RequestAction.Serve) },
        { true, "-", true, true, false, nameof(RequestAction.Serve) },                       // an entry overrides a built-in answer
        { false, "-", false, true, false, nameof(RequestAction.AnswerBuiltIn) },
        { true, "-", false, true, false, nameof(RequestAction.AnswerBuiltIn) },              // built-in traffic is never a violation
        { false, "-", false, false, false, nameof(RequestAction.PassThrough) },
        { true, "-", false, false, false, nameof(RequestAction.Refuse) },
        { false, "Once", false, false, false, nameof(RequestAction.TryReplay) },
        { false, "Once", false, false, true, nameof(RequestAction.PassThroughAndRecord) },
        { true, "Once", false, false, false, nameof(RequestAction.TryReplay) },              // replays are never violations
        { true, "Once", false, false, true, nameof(RequestAction.Refuse) },
        { false, "None", false, false, false, nameof(RequestAction.TryReplay) },
        { false, "None", false, false, true, nameof(RequestAction.FailReplayMiss) },
        { true, "None", false, false, true, nameof(RequestAction.Refuse) },
        { false, "All", false, false, false, nameof(RequestAction.PassThroughAndRecord) },  // re-record: no lookup
        { true, "All", false, false, false, nameof(RequestAction.Refuse) },
        { true, "All", true, false, false, nameof(RequestAction.Serve) },
    };

    public static TheoryData<bool, string, string, bool, bool, bool, string> Connections => new()
    {
        // strict, record, kind, entries here, recorded here, own listener → route
        { false, "-", nameof(ConnectionKind.Routable), false, false, false, nameof(ConnectionRoute.Direct) },
        { false, "-", nameof(ConnectionKind.Routable), true, false, false, nameof(ConnectionRoute.Serve) },
        { false, "Once", nameof(ConnectionKind.Routable), false, false, false, nameof(ConnectionRoute.Serve) },   // records what passes through
        { true, "-", nameof(ConnectionKind.Routable), false, false, false, nameof(ConnectionRoute.Serve) },       // refused per request, naming it
        { true, "-", nameof(ConnectionKind.Routable), true, false, true, nameof(ConnectionRoute.Direct) },        // already pointed at a listener
        { false, "-", nameof(ConnectionKind.Stream), false, false, false, nameof(ConnectionRoute.Serve) },        // passed through per request
        { true, "-", nameof(ConnectionKind.Stream), false, false, false, nameof(ConnectionRoute.Refuse) },
        { true, "-", nameof(ConnectionKind.Stream), true, false, false, nameof(ConnectionRoute.Serve) },
        { true, "Once", nameof(ConnectionKind.Stream), false, true, false, nameof(ConnectionRoute.Serve) },       // a recording can answer
        { true, "Once", nameof(ConnectionKind.Stream), false, false, false, nameof(ConnectionRoute.Refuse) },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_is_decided_by_the_scopes_options_and_what_is_known_of_it(
        bool strict, string record, bool entry, bool builtIn, bool replayMissed, string expected) =>
        Assert.Equal(Enum.Parse<RequestAction>(expected), Policy(strict, record).Decide(new RequestFacts(s_api, entry, builtIn, replayMissed)));

    [Theory]
    [MemberData(nameof(Connections))]
    public void A_connection_is_routed_by_the_scopes_options_and_what_is_known_of_its_location(
        bool strict, string record, string kind, bool entries, bool recorded, bool ownListener, string expected) =>
        Assert.Equal(
            Enum.Parse<ConnectionRoute>(expected),
            Policy(strict, record).Route(new ConnectionFacts(s_api, Enum.Parse<ConnectionKind>(kind), entries, recorded, ownListener)));

    [Theory]
    [InlineData(nameof(ConnectionKind.Stream))]
    [InlineData(nameof(ConnectionKind.Routable))]
    public void An_allowed_location_of_a_strict_scope_is_treated_as_in_a_scope_that_is_not_strict(string kindName)
    {
        var kind = Enum.Parse<ConnectionKind>(kindName);
        var policy = Policy(strict: true, "-", "allowed.test");

        Assert.Equal(RequestAction.PassThrough, policy.Decide(new RequestFacts(s_allowed, HasEntry: false, HasBuiltInAnswer: false)));
        Assert.Equal(Policy(strict: false, "-").Route(new ConnectionFacts(s_allowed, kind, false)), policy.Route(new ConnectionFacts(s_allowed, kind, false)));
    }

    [Theory]
    [InlineData(nameof(ConnectionKind.Stream), false)]
    [InlineData(nameof(ConnectionKind.Routable), true)]
    public void With_no_scope_Mocket_leaves_every_connection_alone(string kind, bool entries) =>
        Assert.Equal(ConnectionRoute.Direct, MocketPolicy.NoScope.Route(new ConnectionFacts(s_api, Enum.Parse<ConnectionKind>(kind), entries)));

    [Theory]
    [InlineData(true, 1, true)]
    [InlineData(true, 0, false)]
    [InlineData(false, 3, false)]
    public void Only_a_strict_scope_with_violations_fails_when_it_closes(bool strict, int violations, bool fails) =>
        Assert.Equal(fails, Policy(strict, "-").FailsOnClose(violations));

    [Fact]
    public void The_guard_reports_what_the_allow_list_does_not_name()
    {
        var policy = Policy(strict: true, "-", "localhost", "10.1.2.3:5432", "db.test");

        Assert.False(policy.IsViolation(new IPEndPoint(IPAddress.Loopback, 6379)));
        Assert.False(policy.IsViolation(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 5432)));
        Assert.True(policy.IsViolation(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 80)));
        Assert.False(policy.IsViolation("db.test"));
        Assert.True(policy.IsViolation("api.test"));
    }

    private static MocketPolicy Policy(bool strict, string record, params string[] allowed)
    {
        var options = new MocketOptions { Strict = strict, AllowedHosts = [.. allowed] };
        return new MocketPolicy(strict, AllowList.Parse(options), record == "-" ? null : Enum.Parse<MocketRecordMode>(record));
    }
}
