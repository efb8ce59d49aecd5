using System.Globalization;

namespace MocketNet.Http.Http2;

/// <summary>The header lists of requests (RFC 9113 §8.2–8.3): pseudo-headers, field names and values, trailers, cookies.</summary>
internal sealed partial class Http2Connection
{
    private static readonly HashSet<string> s_connectionSpecific = new(StringComparer.Ordinal)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade",
    };

    /// <summary>Checks a request's header list (RFC 9113 §8.3) and keeps it: pseudo-headers first, lower-case names, no connection-specific fields.</summary>
    private void ReadRequestHead(Http2Stream stream, List<KeyValuePair<string, string>> fields)
    {
        string? method = null, scheme = null, path = null, authority = null;
        var regular = new List<KeyValuePair<string, string>>(fields.Count + 1);
        foreach (var (name, value) in fields)
        {
            if (name.StartsWith(':'))
            {
                if (regular.Count > 0)
                {
                    throw Malformed(stream, $"the pseudo-header {name} comes after a regular field");
                }

                switch (name)
                {
                    case ":method" when method is null: method = value; break;
                    case ":scheme" when scheme is null: scheme = value; break;
                    case ":path" when path is null: path = value; break;
                    case ":authority" when authority is null: authority = value; break;
                    default: throw Malformed(stream, $"the pseudo-header {name} is unknown to requests or repeated");
                }

                continue;
            }

            CheckField(stream, name, value);
            regular.Add(new(name, value));
        }

        if (method is null || (method != "CONNECT" && (scheme is null || string.IsNullOrEmpty(path))))
        {
            throw Malformed(stream, "it lacks :method, :scheme or :path");
        }

        if (regular.Count > _limits.MaxHeaderCount)
        {
            RejectedStream = stream.Id;
            throw HttpFormatException.OverLimit(HttpFormatError.TooManyHeaders, _limits.MaxHeaderCount);
        }

        // As Kestrel does, :authority is the request's Host.
        if (authority is not null && !regular.Exists(f => f.Key == "host"))
        {
            regular.Insert(0, new("host", authority));
        }

        stream.Method = method;
        stream.Target = method == "CONNECT" ? authority ?? string.Empty : path!;
        stream.Fields = JoinCookies(regular);
    }

    private void AddTrailers(Http2Stream stream, List<KeyValuePair<string, string>> fields)
    {
        foreach (var (name, value) in fields)
        {
            if (name.StartsWith(':'))
            {
                throw Malformed(stream, $"its trailers hold the pseudo-header {name}");
            }

            CheckField(stream, name, value);
        }

        stream.Fields!.AddRange(fields);
        if (stream.Fields.Count > _limits.MaxHeaderCount)
        {
            RejectedStream = stream.Id;
            throw HttpFormatException.OverLimit(HttpFormatError.TooManyHeaders, _limits.MaxHeaderCount);
        }
    }

    private static void CheckField(Http2Stream stream, string name, string value)
    {
        if (name.Length == 0 || name.Any(c => c is (>= 'A' and <= 'Z') or <= ' ' or >= '\u007f'))
        {
            throw Malformed(stream, $"the field name \"{name}\" is not lower-case token characters");
        }

        if (s_connectionSpecific.Contains(name) || (name == "te" && value != "trailers"))
        {
            throw Malformed(stream, $"it holds the connection-specific field \"{name}\", which HTTP/2 forbids");
        }

        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw Malformed(stream, $"the value of \"{name}\" holds CR, LF or NUL");
        }
    }

    private static HttpFormatException Malformed(Http2Stream stream, string why) =>
        Http2Errors.Protocol($"the request on stream {stream.Id.ToString(CultureInfo.InvariantCulture)} is malformed: {why}");

    /// <summary>HTTP/2 may split the cookie field into crumbs; HTTP/1.1 servers see one field joined with "; " (RFC 9113 §8.2.3).</summary>
    private static List<KeyValuePair<string, string>> JoinCookies(List<KeyValuePair<string, string>> fields)
    {
        var first = fields.FindIndex(f => f.Key == "cookie");
        if (first < 0 || fields.FindLastIndex(f => f.Key == "cookie") == first)
        {
            return fields;
        }

        var joined = string.Join("; ", fields.Where(f => f.Key == "cookie").Select(f => f.Value));
        fields.RemoveAll(f => f.Key == "cookie");
        fields.Insert(Math.Min(first, fields.Count), new("cookie", joined));
        return fields;
    }
}
