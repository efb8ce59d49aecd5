using System.Buffers;
using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Http.Codec;

/// <summary>The grammar of one HTTP/1.1 line (RFC 9110 §5, RFC 9112 §3): request lines and field lines, checked and turned into strings.</summary>
internal static class HttpSyntax
{
    // Strings a request line or field name usually spells: shared instead of allocated per request.
    private static readonly string[] s_methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
    private static readonly string[] s_fieldNames =
    [
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Content-Type", "Content-Length",
        "Transfer-Encoding", "Connection", "Authorization", "Cookie", "Expect", "traceparent", "tracestate",
    ];

    /// <summary>A request line, <c>METHOD SP target SP version</c>.</summary>
    /// <exception cref="HttpFormatException">It is not one.</exception>
    public static (string Method, string Target, string Version) ParseRequestLine(ReadOnlySpan<byte> line)
    {
        var firstSpace = line.IndexOf((byte)' ');
        var secondSpace = firstSpace < 0 ? -1 : line[(firstSpace + 1)..].IndexOf((byte)' ');
        if (firstSpace <= 0 || secondSpace <= 0 || line[(firstSpace + secondSpace + 2)..].Contains((byte)' '))
        {
            throw HttpFormatException.InRequest(HttpFormatError.InvalidRequestLine, Latin1(line));
        }

        var method = line[..firstSpace];
        var target = line.Slice(firstSpace + 1, secondSpace);
        var version = line[(firstSpace + secondSpace + 2)..];
        if (!IsToken(method))
        {
            throw HttpFormatException.InRequest(HttpFormatError.InvalidMethod, Latin1(method));
        }

        var knownVersion = version.SequenceEqual("HTTP/1.1"u8) ? "HTTP/1.1"
            : version.SequenceEqual("HTTP/1.0"u8) ? "HTTP/1.0"
            : throw HttpFormatException.InRequest(HttpFormatError.UnsupportedVersion, Latin1(version));

        // Visible ASCII only: a space, a control or a non-ASCII byte in a target is how smuggled requests hide.
        if (target.IndexOfAnyExceptInRange((byte)'!', (byte)'~') >= 0)
        {
            throw HttpFormatException.InRequest(HttpFormatError.InvalidTarget, Latin1(target));
        }

        return (KnownOrNew(method, s_methods), Latin1(target), knownVersion);
    }

    /// <summary>A field line, <c>name: value</c> (white space around the value removed), of a request or of a response.</summary>
    /// <exception cref="HttpFormatException">It is not one.</exception>
    public static KeyValuePair<string, string> ParseField(ReadOnlySpan<byte> line, bool response = false)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw HttpFormatException.In(response, HttpFormatError.InvalidHeaderLine, Latin1(line));
        }

        var name = line[..colon];
        if (!IsToken(name))
        {
            throw HttpFormatException.In(response, HttpFormatError.InvalidHeaderName, Latin1(name));
        }

        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (HasControl(value))
        {
            throw HttpFormatException.In(response, HttpFormatError.InvalidHeaderValue, Latin1(name));
        }

        return new(KnownOrNew(name, s_fieldNames), Latin1(value));
    }

    /// <summary>
    /// Rejects a line that ended in a bare LF (RFC 9112 §2.2 lets Mocket reject it, at once). A reader calls it after
    /// its length limit: a line too long is rejected as such before its end arrives, so it must be when whole too, or
    /// the same bytes would be rejected for another reason depending on how they arrive (found by fuzz/run http-head).
    /// </summary>
    /// <exception cref="HttpFormatException">The line ends in a bare LF.</exception>
    public static void RequireCrLf(bool endsInCrLf, ReadOnlySequence<byte> line, bool response)
    {
        if (!endsInCrLf)
        {
            throw HttpFormatException.In(response, HttpFormatError.BareLineFeed, Latin1(line));
        }
    }

    public static bool IsTokenChar(char c) =>
        c is > ' ' and < (char)0x7F and not ('(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=' or '{' or '}');

    public static string Latin1(ReadOnlySequence<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static bool IsToken(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (!IsTokenChar((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a field value holds a CTL other than HTAB (RFC 9110 §5.5: NUL, CR and LF are never allowed).</summary>
    private static bool HasControl(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is (< 0x20 and not (byte)'\t') or 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The interned string when <paramref name="bytes"/> spell one of <paramref name="known"/> exactly, else a new one.</summary>
    private static string KnownOrNew(ReadOnlySpan<byte> bytes, string[] known)
    {
        foreach (var candidate in known)
        {
            if (candidate.Length == bytes.Length && Ascii.Equals(bytes, candidate))
            {
                return candidate;
            }
        }

        return Latin1(bytes);
    }
}
