using System.Globalization;
using System.Net;

namespace MocketNet.Scopes;

/// <summary>A strict scope's <see cref="MocketOptions.AllowedHosts"/>, parsed once: <c>host</c> or <c>host:port</c>.</summary>
internal sealed class AllowList
{
    private readonly (string Host, int? Port)[] _items;

    private AllowList((string Host, int? Port)[] items) => _items = items;

    /// <summary>Allows nothing.</summary>
    public static AllowList Empty { get; } = new([]);

    public static AllowList Parse(MocketOptions options)
    {
        if (options.AllowedHosts.Count > 0 && !options.Strict)
        {
            throw new ArgumentException(
                "MocketOptions.AllowedHosts only makes sense in strict mode (outside it every host is allowed). " +
                "Set Strict = true, or remove the allowed hosts.",
                nameof(options));
        }

        return options.AllowedHosts.Count == 0 ? Empty : new AllowList([.. options.AllowedHosts.Select(ParseItem)]);
    }

    public bool Allows(MocketLocation location) =>
        _items.Length > 0 && _items.Any(item => item.Host == location.Host && (item.Port is null || item.Port == location.Port));

    /// <summary>Whether a connection the guard saw (an address, not a name) is allowed: by IP literal, or loopback by "localhost".</summary>
    public bool Allows(IPEndPoint endPoint)
    {
        var address = endPoint.Address.ToString().ToLowerInvariant();
        return _items.Any(item =>
            (item.Host == address || (item.Host == "localhost" && IPAddress.IsLoopback(endPoint.Address)))
            && (item.Port is null || item.Port == endPoint.Port));
    }

    public bool AllowsName(string host)
    {
        var name = MocketLocation.NormalizeHost(host);
        return _items.Any(item => item.Host == name);
    }

    private static (string Host, int? Port) ParseItem(string item)
    {
        if (string.IsNullOrWhiteSpace(item))
        {
            throw new ArgumentException("MocketOptions.AllowedHosts holds an empty item; use \"host\" or \"host:port\".", nameof(item));
        }

        var text = item.Trim();
        var colon = text.LastIndexOf(':');
        var isBareIPv6 = text.Count(c => c == ':') > 1 && !text.StartsWith('[');
        if (colon < 0 || isBareIPv6 || text.EndsWith(']'))
        {
            return (MocketLocation.NormalizeHost(text), null);
        }

        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException(
                $"MocketOptions.AllowedHosts item \"{item}\" has an invalid port; use \"host\" or \"host:port\" with a port in 1..65535.",
                nameof(item));
        }

        return (MocketLocation.NormalizeHost(text[..colon]), port);
    }
}
