using System.Globalization;
using System.Text;

namespace MocketNet.Http.Protocol;

/// <summary>The bytes a passed-through request is sent upstream with: unchanged, or rewritten to origin-form for its real host.</summary>
internal static class UpstreamRequest
{
    private static readonly HashSet<string> s_dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Proxy-Connection", "Proxy-Authorization",
    };

    public static ReadOnlyMemory<byte> Build(HttpMockRequest request, bool rewrite)
    {
        if (!rewrite)
        {
            return request.Data;
        }

        var defaultPort = request.Scheme == "https" ? 443 : 80;
        var host = request.Host.Contains(':', StringComparison.Ordinal) ? $"[{request.Host}]" : request.Host;
        var authority = request.Port == defaultPort ? host : host + ":" + request.Port.ToString(CultureInfo.InvariantCulture);
        var head = new StringBuilder()
            .Append(request.Method).Append(' ').Append(request.Path)
            .Append(request.QueryString.Length > 0 ? "?" + request.QueryString : string.Empty)
            .Append(' ').Append(request.Version).Append("\r\n")
            .Append("Host: ").Append(authority).Append("\r\n");
        foreach (var (name, value) in request.Headers)
        {
            if (!s_dropped.Contains(name))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        if (request.Body.Length > 0 || request.Headers.ContainsKey("Content-Length") || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            head.Append("Content-Length: ").Append(request.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString()).Concat(request.Body).ToArray();
    }
}
