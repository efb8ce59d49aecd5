namespace MocketNet.Http;

/// <summary>Query strings as multi-dictionaries, the way the reference's <c>parse_qs(keep_blank_values=True)</c> reads them.</summary>
internal static class QueryStrings
{
    private static readonly IReadOnlyDictionary<string, string[]> s_empty = new Dictionary<string, string[]>(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string[]> Parse(string query)
    {
        if (query.Length == 0)
        {
            return s_empty;
        }

        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (query.StartsWith('?'))
        {
            query = query[1..];
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public static bool AreEqual(IReadOnlyDictionary<string, string[]> left, IReadOnlyDictionary<string, string[]> right)
    {
        if (left.Count != right.Count || left.Count == 0)
        {
            return left.Count == right.Count;
        }

        // Matching runs per request and entry: no closure, and usually no query at all.
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var values) || !values.AsSpan().SequenceEqual(value))
            {
                return false;
            }
        }

        return true;
    }

    public static string Describe(IReadOnlyDictionary<string, string[]> query) =>
        query.Count == 0 ? "(none)" : string.Join("&", query.SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")));

    internal static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
