using System.Globalization;

namespace MocketNet.Scopes;

/// <summary>The assertions a scope offers on what it received, with failures that quote the condition and show what was there.</summary>
internal static class Assertions
{
    public static void LastRequest<TRequest>(RequestLog log, Func<TRequest, bool> predicate, string? expression)
        where TRequest : MocketRequest
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var last = log.Last;
        var condition = expression ?? "the predicate";
        if (last is null)
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: expected the last request to satisfy `{condition}`, but no request was made. " +
                "Check that the code under test sent it, and that its client reaches Mocket.");
        }

        if (last is not TRequest typed)
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: expected the last request to be a {typeof(TRequest).Name} satisfying `{condition}`, " +
                $"but it is a {last.GetType().Name}: {last}");
        }

        if (!predicate(typed))
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: the last request does not satisfy `{condition}`.{Environment.NewLine}" +
                $"Last request: {last}{Environment.NewLine}" +
                $"({log.Count.ToString(CultureInfo.InvariantCulture)} request(s) in all.)");
        }
    }

    /// <summary>The failure text naming every entry that never answered, or null when all did.</summary>
    public static string? Unserved(IReadOnlyList<MocketEntry> entries)
    {
        var unserved = entries.Where(e => !e.Served).ToList();
        return unserved.Count == 0 ? null : Reports.Unserved(unserved, entries.Count);
    }
}
