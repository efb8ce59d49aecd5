using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Http.Recording;

/// <summary>
/// What the HTTP pack hides in a recording: Authorization, Proxy-Authorization, Cookie and Set-Cookie
/// always, plus the scope's <see cref="MocketRedaction.Fields"/> as header names, query-string keys and
/// form-body keys. Values become <see cref="MocketRedaction.Placeholder"/>; what is not secret (an
/// Authorization scheme, cookie names and attributes) stays, so the recording still reads. Idempotent.
/// </summary>
internal static class HttpRedaction
{
    private const string Placeholder = MocketRedaction.Placeholder;

    /// <summary>A header field's value as recorded.</summary>
    public static string Header(string name, string value, MocketRedaction redaction)
    {
        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
        {
            // "Bearer <token>" keeps its scheme; a bare credential goes whole.
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 ? value[..space] + " " + Placeholder : Placeholder;
        }

        if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
        {
            return string.Join("; ", value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Pair));
        }

        if (name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
        {
            var attributes = value.IndexOf(';', StringComparison.Ordinal);
            return attributes < 0 ? Pair(value.Trim()) : Pair(value[..attributes].Trim()) + value[attributes..];
        }

        if (redaction.IsRedacted(name))
        {
            return Placeholder;
        }

        return name.Equals("Location", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Content-Location", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Referer", StringComparison.OrdinalIgnoreCase)
            ? Url(value, redaction)
            : value;
    }

    /// <summary>A request target or URL with the redacted query-string keys' values replaced.</summary>
    public static string Url(string url, MocketRedaction redaction)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0 || redaction.Fields.Count == 0)
        {
            return url;
        }

        var hash = url.IndexOf('#', question);
        var end = hash < 0 ? url.Length : hash;
        return url[..(question + 1)] + Pairs(url[(question + 1)..end], redaction) + url[end..];
    }

    /// <summary>An <c>application/x-www-form-urlencoded</c> body with the redacted keys' values replaced; other bodies unchanged.</summary>
    public static byte[] Body(byte[] body, IReadOnlyList<KeyValuePair<string, string>> fields, MocketRedaction redaction)
    {
        var type = fields.FirstOrDefault(f => f.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        if (body.Length == 0 || redaction.Fields.Count == 0
            || type is null || !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        return Encoding.Latin1.GetBytes(Pairs(Encoding.Latin1.GetString(body), redaction));
    }

    private static string Pairs(string query, MocketRedaction redaction) =>
        string.Join('&', query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            return redaction.IsRedacted(QueryStrings.Decode(key)) ? key + "=" + Placeholder : pair;
        }));

    private static string Pair(string cookie)
    {
        var equals = cookie.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? Placeholder : cookie[..(equals + 1)] + Placeholder;
    }
}
