using System.Net;
using MocketNet.Scopes;

namespace MocketNet.Policy;

/// <summary>
/// The one place that decides what Mocket does: for each request a session read (serve it from an entry,
/// answer it built-in, replay it, refuse it, fail a replay miss, pass it through and maybe record it), for
/// each connection a seam is about to make (serve it, leave it alone, refuse it), for what the network guard
/// saw, and whether a closing scope fails. The pump, the seams, the guard, scope close and the test
/// adapters ask it; none decides on its own. Decisions are pure functions of the scope's options and the
/// facts given (see MocketPolicyTests for the table).
/// </summary>
internal sealed class MocketPolicy
{
    private readonly AllowList _allowList;

    /// <summary>The policy of a scope: its strictness and allow-list, and its record mode (null when it does not record).</summary>
    public MocketPolicy(bool strict, AllowList allowList, MocketRecordMode? recordMode)
    {
        Strict = strict;
        _allowList = allowList;
        RecordMode = recordMode;
    }

    private static readonly MocketPolicy s_lenient = new(strict: false, AllowList.Empty, recordMode: null);
    private static readonly MocketPolicy s_strict = new(strict: true, AllowList.Empty, recordMode: null);

    /// <summary>Where no scope is open (or it closed): Mocket leaves every routable request alone.</summary>
    public static MocketPolicy NoScope { get; } = new(strict: false, AllowList.Empty, recordMode: null) { IsNoScope = true };

    /// <summary>The policy of a scope; the common ones (nothing allowed, nothing recorded) are shared, as policies never change.</summary>
    public static MocketPolicy For(bool strict, AllowList allowList, MocketRecordMode? recordMode) =>
        allowList == AllowList.Empty && recordMode is null
            ? strict ? s_strict : s_lenient
            : new MocketPolicy(strict, allowList, recordMode);

    public bool Strict { get; }

    /// <summary>The record mode in force; null when the scope does not record.</summary>
    public MocketRecordMode? RecordMode { get; }

    private bool IsNoScope { get; init; }

    /// <summary>What happens to a request. <see cref="RequestAction.TryReplay"/> asks for a second call once the lookup missed.</summary>
    public RequestAction Decide(in RequestFacts facts)
    {
        if (facts.HasEntry)
        {
            return RequestAction.Serve;
        }

        if (facts.HasBuiltInAnswer)
        {
            return RequestAction.AnswerBuiltIn;
        }

        if (RecordMode is MocketRecordMode.Once or MocketRecordMode.None && !facts.ReplayMissed)
        {
            return RequestAction.TryReplay;
        }

        if (Strict && !_allowList.Allows(facts.Location))
        {
            return RequestAction.Refuse;
        }

        return RecordMode switch
        {
            MocketRecordMode.None => RequestAction.FailReplayMiss,
            null => RequestAction.PassThrough,
            _ => RequestAction.PassThroughAndRecord,
        };
    }

    /// <summary>
    /// What happens to a connection before any request. (A pack's seam that opens a connection with its own
    /// protocol, <see cref="Protocols.MocketServer.Connect"/>, is always served: its requests are decided one by one.)
    /// </summary>
    public ConnectionRoute Route(in ConnectionFacts facts)
    {
        if (IsNoScope || facts.IsOwnListener)
        {
            return ConnectionRoute.Direct;
        }

        if (facts.HasEntries)
        {
            return ConnectionRoute.Serve;
        }

        var refused = Strict && !_allowList.Allows(facts.Location);
        return facts.Kind switch
        {
            // A stream the caller asked for has no request yet to name: a strict scope refuses it now, unless a recording can answer.
            ConnectionKind.Stream => refused && !facts.HasRecordedExchanges ? ConnectionRoute.Refuse : ConnectionRoute.Serve,

            // A routable request is served when the scope records (replay, or record what passes through) or must refuse it
            // (the refusal then names the request); otherwise it goes on as if Mocket were not there.
            _ => RecordMode is not null || refused ? ConnectionRoute.Serve : ConnectionRoute.Direct,
        };
    }

    /// <summary>Whether a real connection the network guard saw is a violation (anything the allow-list does not name).</summary>
    public bool IsViolation(IPEndPoint endPoint) => !_allowList.Allows(endPoint);

    /// <summary>Whether a DNS lookup the network guard saw is a violation.</summary>
    public bool IsViolation(string host) => !_allowList.AllowsName(host);

    /// <summary>Whether a scope closing with <paramref name="violationCount"/> violations fails (strict scopes fail on any).</summary>
    public bool FailsOnClose(int violationCount) => Strict && violationCount > 0;
}
