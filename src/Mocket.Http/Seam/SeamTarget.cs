using System.Globalization;

namespace MocketNet.Http.Seam;

/// <summary>
/// How the global seam carries a request's original scheme, host and port to its loopback fake: in the
/// rewritten path, <c>/_mocket/{scheme}/{host}/{port}/original/path?query</c>.
/// </summary>
internal static class SeamTarget
{
    public const string Prefix = "/_mocket/";

    public static string Encode(Uri original) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{original.Scheme}/{Uri.EscapeDataString(original.IdnHost)}/{original.Port}{original.PathAndQuery}");

    public static bool TryDecode(string target, out string scheme, out string host, out int port, out string originTarget)
    {
        scheme = host = originTarget = string.Empty;
        port = 0;
        if (!target.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = target[Prefix.Length..].Split('/', 4);
        if (parts.Length < 3 || parts[0] is not ("http" or "https") || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        scheme = parts[0];
        host = Uri.UnescapeDataString(parts[1]);
        originTarget = parts.Length == 4 ? "/" + parts[3] : "/";
        return true;
    }
}
