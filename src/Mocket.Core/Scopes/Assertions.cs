using System.Globalization;
using System.Text;

namespace MocketNet.Scopes;

/// <summary>The assertions a scope offers on what it received, with failures that quote the condition and show what was there.</summary>
internal static class Assertions
{
    /// <summary>The requests a failure lists before it only counts the rest.</summary>
    private const int Listed = 20;

    /// <summary>The last request of type <typeparamref name="TRequest"/> (any request for <see cref="MocketRequest"/>) satisfies the predicate.</summary>
    public static void LastRequest<TRequest>(RequestLog log, Func<TRequest, bool> predicate, string? expression)
        where TRequest : MocketRequest
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var all = log.Requests;
        var last = all.OfType<TRequest>().LastOrDefault();
        var condition = expression ?? "the predicate";
        var kind = KindName<TRequest>();
        if (last is null)
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: expected the last {kind} to satisfy `{condition}`, but no {kind} was made" +
                (all.Count == 0 ? "." : $"; the {Count(all.Count)} made were of other kinds:{Environment.NewLine}{List(all, isMatch: null)}") +
                $"{Environment.NewLine}Check that the code under test sent it, and that its client reaches Mocket.");
        }

        if (!predicate(last))
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: the last {kind} does not satisfy `{condition}`.{Environment.NewLine}" +
                $"Last {kind}: {last}{Environment.NewLine}" +
                $"({Count(all.Count)} in all.)");
        }
    }

    /// <summary>Requests of type <typeparamref name="TRequest"/> satisfy the predicate: at least one, or exactly <paramref name="times"/>.</summary>
    public static void Requested<TRequest>(RequestLog log, Func<TRequest, bool> predicate, int? times, string? expression)
        where TRequest : MocketRequest
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (times < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, "times is how many requests must match: 0 or more (0 asserts that none did).");
        }

        var all = log.Requests;
        var ofKind = all.OfType<TRequest>().ToList();
        var matches = ofKind.ConvertAll(r => predicate(r));
        var matched = matches.Count(m => m);
        if (times is null ? matched > 0 : matched == times)
        {
            return;
        }

        var kind = KindName<TRequest>();
        var expected = times is null ? $"at least one {kind}" : $"exactly {times.Value.ToString(CultureInfo.InvariantCulture)} {kind}(s)";
        var text = new StringBuilder().Append(
            CultureInfo.InvariantCulture,
            $"Mocket.AssertRequested failed: expected {expected} satisfying `{expression ?? "the predicate"}`, but {matched.ToString(CultureInfo.InvariantCulture)} of the {ofKind.Count.ToString(CultureInfo.InvariantCulture)} {kind}(s) made did.");
        if (ofKind.Count > 0)
        {
            text.AppendLine().Append("The ").Append(kind).Append("s, in order (+ matched):").AppendLine().Append(List(ofKind, i => matches[i]));
        }

        if (all.Count > ofKind.Count)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"({(all.Count - ofKind.Count).ToString(CultureInfo.InvariantCulture)} request(s) of other kinds not counted.)");
        }

        throw new MocketAssertionException(text.ToString());
    }

    /// <summary>The failure text naming every entry that never answered, or null when all did.</summary>
    public static string? Unserved(IReadOnlyList<MocketEntry> entries)
    {
        var unserved = entries.Where(e => !e.Served).ToList();
        return unserved.Count == 0 ? null : Reports.Unserved(unserved, entries.Count);
    }

    private static string KindName<TRequest>() => typeof(TRequest) == typeof(MocketRequest) ? "request" : typeof(TRequest).Name;

    private static string Count(int requests) => requests.ToString(CultureInfo.InvariantCulture) + (requests == 1 ? " request" : " requests");

    private static string List<TRequest>(IReadOnlyList<TRequest> requests, Func<int, bool>? isMatch)
        where TRequest : MocketRequest
    {
        var lines = requests.Take(Listed).Select((r, i) => $"  {(isMatch is null ? " " : isMatch(i) ? "+" : "-")} {r}");
        var more = requests.Count > Listed ? $"{Environment.NewLine}  … and {(requests.Count - Listed).ToString(CultureInfo.InvariantCulture)} more" : string.Empty;
        return string.Join(Environment.NewLine, lines) + more;
    }
}
