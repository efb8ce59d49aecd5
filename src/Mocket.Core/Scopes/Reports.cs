using System.Globalization;
using System.Text;

namespace MocketNet.Scopes;

/// <summary>The texts of Mocket's reports: strict-mode refusals, closing a scope with violations, assertions.</summary>
internal static class Reports
{
    public static string NetworkUse(
        MocketViolationKind kind, bool strict, string address, string? sentData, IReadOnlyList<MocketEntry> entries, MocketRequest? request, string hint,
        int attempts = 1)
    {
        var what = kind switch
        {
            MocketViolationKind.UnmatchedRequest => "Refused by the strict Mocket scope: no entry matches this request.",
            MocketViolationKind.UnregisteredLocation => $"Refused by the strict Mocket scope: no entry is registered for {address}.",
            MocketViolationKind.DnsLookup => $"The code under test made a real DNS lookup for {address}.",
            _ => $"The code under test opened a real connection to {address}.",
        };
        if (attempts > 1)
        {
            what = what[..^1] + string.Create(CultureInfo.InvariantCulture, $" ({attempts} attempts).");
        }

        var text = new StringBuilder()
            .AppendLine(strict || kind is MocketViolationKind.UnmatchedRequest or MocketViolationKind.UnregisteredLocation
                ? what
                : what[..^1] + " (the scope is not strict, so it was let through).")
            .Append("Attempted address: ").AppendLine(address)
            .Append("Sent data: ").AppendLine(sentData ?? "(nothing)");
        AppendEntries(text, entries, request);
        text.Append(hint);
        return text.ToString();
    }

    /// <summary>A closing scope's report: every violation, numbered (those already shown elsewhere only counted).</summary>
    public static string Closed(IReadOnlyList<MocketViolation> violations, int shownElsewhere = 0)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"The strict Mocket scope closed with {violations.Count + shownElsewhere} violation(s):");
        if (shownElsewhere > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {shownElsewhere} reported in the test's own failure above, and:");
        }

        for (var i = 0; i < violations.Count; i++)
        {
            text.AppendLine().AppendLine().Append(CultureInfo.InvariantCulture, $"{i + 1}) ").Append(violations[i].Message);
        }

        return text.ToString();
    }

    public static string Unserved(IReadOnlyList<MocketEntry> unserved, int total) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Mocket.AssertAllEntriesServed failed: {unserved.Count} of {total} registered entries were never served:")
            .AppendJoin(string.Empty, unserved.Select(e => $"{Environment.NewLine}  {e.Location.ToTupleString()}: {e}"))
            .AppendLine()
            .Append("Check why the code under test did not make those calls, or remove the entries.")
            .ToString();

    private static void AppendEntries(StringBuilder text, IReadOnlyList<MocketEntry> entries, MocketRequest? request)
    {
        if (entries.Count == 0)
        {
            text.AppendLine("Registered entries: (none)");
            return;
        }

        text.AppendLine("Registered entries:");
        foreach (var group in entries.GroupBy(e => e.Location))
        {
            text.Append("  ").Append(group.Key.ToTupleString()).AppendLine(":");
            foreach (var entry in group)
            {
                text.Append("    ").AppendLine(entry.ToString());
                var why = request is not null && group.Key == request.Location ? entry.ExplainMismatch(request) : null;
                if (why is not null)
                {
                    text.Append("      did not match: ").AppendLine(why);
                }
            }
        }
    }
}
