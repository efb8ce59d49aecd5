using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace MocketNet.Guard;

/// <summary>
/// Parses the text form of a SocketAddress that System.Net.Sockets' ConnectStart event carries:
/// <c>InterNetwork:16:{p1,p0,a,b,c,d,...}</c> or <c>InterNetworkV6:28:{p1,p0,flow(4),address(16),scope(4)}</c>.
/// </summary>
internal static class SocketAddressText
{
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var close = text.LastIndexOf('}');
        if (open < 0 || close <= open)
        {
            return false;
        }

        var parts = text[(open + 1)..close].Split(',');
        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!byte.TryParse(parts[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        if (bytes.Length < 6)
        {
            return false;
        }

        var port = (bytes[0] << 8) | bytes[1];
        if (text.StartsWith("InterNetworkV6", StringComparison.Ordinal) && bytes.Length >= 22)
        {
            var address = new IPAddress(bytes.AsSpan(6, 16));
            endPoint = new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port);
            return true;
        }

        if (text.StartsWith("InterNetwork", StringComparison.Ordinal))
        {
            endPoint = new IPEndPoint(new IPAddress(bytes.AsSpan(2, 4)), port);
            return true;
        }

        return false;
    }
}
