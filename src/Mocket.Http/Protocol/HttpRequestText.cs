using System.Globalization;
using System.Text;

namespace MocketNet.Http.Protocol;

/// <summary>
/// Writes a request in the one form both pass-through and recordings use: origin-form request line,
/// <c>Host</c> first, the other fields in the order sent, the body framed by <c>Content-Length</c>
/// (chunked framing removed, proxy-only fields dropped).
/// </summary>
internal static class HttpRequestText
{
    private static readonly HashSet<string> s_dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Transfer-Encoding", "Proxy-Connection", "Proxy-Authorization",
    };

    /// <summary>The request's bytes; <paramref name="value"/> may change each field's value (redaction), null keeps them.</summary>
    public static byte[] Write(
        string method, string target, string version, string? host, IReadOnlyList<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> body,
        Func<string, string, string>? value = null)
    {
        var head = new StringBuilder().Append(method).Append(' ').Append(target).Append(' ').Append(version).Append("\r\n");
        if (host is not null)
        {
            head.Append("Host: ").Append(host).Append("\r\n");
        }

        var length = body.Length.ToString(CultureInfo.InvariantCulture);
        var framed = false;
        var chunked = false;
        foreach (var (name, fieldValue) in fields)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!framed)
                {
                    head.Append(name).Append(": ").Append(length).Append("\r\n");
                    framed = true;
                }
            }
            else if (s_dropped.Contains(name))
            {
                chunked |= name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                head.Append(name).Append(": ").Append(value is null ? fieldValue : value(name, fieldValue)).Append("\r\n");
            }
        }

        if (!framed && (chunked || body.Length > 0))
        {
            head.Append("Content-Length: ").Append(length).Append("\r\n");
        }

        var text = head.Append("\r\n").ToString();
        var bytes = new byte[text.Length + body.Length];
        var written = Encoding.Latin1.GetBytes(text, bytes);
        body.CopyTo(bytes.AsSpan(written));
        return bytes;
    }

    /// <summary>The Host value for a location: the port only when it is not the scheme's default, IPv6 in brackets.</summary>
    public static string Authority(string scheme, string host, int port)
    {
        var name = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return port == (scheme == "https" ? 443 : 80) ? name : name + ":" + port.ToString(CultureInfo.InvariantCulture);
    }
}
