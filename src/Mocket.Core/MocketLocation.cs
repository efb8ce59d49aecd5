using System.Globalization;
using System.Net;

namespace MocketNet;

/// <summary>
/// Where a client tried to connect: a host name (or address) and a TCP port. Host names compare
/// case-insensitively; IPv6 literals may be given with or without brackets.
/// </summary>
public readonly record struct MocketLocation
{
    /// <summary>Creates a location, validating both parts.</summary>
    /// <param name="host">A host name or IP literal; never empty.</param>
    /// <param name="port">A TCP port in 1..65535.</param>
    /// <exception cref="ArgumentException"><paramref name="host"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is outside 1..65535.</exception>
    public MocketLocation(string host, int port)
    {
        Host = NormalizeHost(host);
        Port = ValidatePort(port);
    }

    /// <summary>The host, lower-cased, without IPv6 brackets.</summary>
    public string Host { get; }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary><c>host:port</c>, with brackets around an IPv6 literal.</summary>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal)
            ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The reference's spelling, <c>('host', port)</c>, used in reports.</summary>
    internal string ToTupleString() => $"('{Host}', {Port.ToString(CultureInfo.InvariantCulture)})";

    internal static string NormalizeHost(string host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new ArgumentException(
                "A Mocket location needs a host name or address, but the host was empty. " +
                "Pass the host the client connects to, such as \"api.test\" or \"127.0.0.1\".",
                nameof(host));
        }

        if (IsNormalized(host))
        {
            return host;
        }

        var trimmed = host.Trim();
        if (trimmed.Length > 2 && trimmed[0] == '[' && trimmed[^1] == ']')
        {
            trimmed = trimmed[1..^1];
        }

        return trimmed.TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="host"/> is already what <see cref="NormalizeHost"/> makes of it (the common case, checked without allocating).</summary>
    private static bool IsNormalized(string host) =>
        !char.IsWhiteSpace(host[0]) && !char.IsWhiteSpace(host[^1]) && host[0] != '[' && host[^1] != '.' &&
        System.Text.Ascii.IsValid(host) && !HasUpperCase(host);

    // A loop: ContainsAnyInRange over chars allocated 96 B a call on .NET 10 (measured), and every entry and connection asks.
    private static bool HasUpperCase(string host)
    {
        foreach (var c in host)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return true;
            }
        }

        return false;
    }

    internal static int ValidatePort(int port)
    {
        if (port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(
                nameof(port), port,
                $"A Mocket location needs a TCP port in 1..65535, but the port was {port.ToString(CultureInfo.InvariantCulture)}.");
        }

        return port;
    }
}
