using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MocketNet.Protocols;
using RESPite.Transports;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace MocketNet.Redis.Seam;

/// <summary>
/// StackExchange.Redis' Stream seam: no socket is opened (<see cref="GetSocketConnectEndpointAsync"/>
/// returns null) and each of the client's connections (interactive and subscription) is an in-memory
/// Mocket connection to the endpoint's location, served by the scope's Redis entries. The client's own
/// writer and reader loops run over it. <see cref="Create"/> prefers the faster transport seam.
/// </summary>
internal class MockRedisTunnel(MocketScope? scope) : Tunnel
{
    private const int DefaultPort = 6379;

    // The client's reader never blocks and completes its callers asynchronously (it protects its reader
    // thread from continuations), so replies may resume it on the pump's thread: one thread hop fewer.
    private static readonly MocketConnectOptions s_connectOptions = new() { ResumeClientReadsInline = true };

    private static readonly Lazy<bool> s_transportSupported = new(IsTransportSeamTested);

    /// <summary>
    /// The tunnel for a scope (or, when null, for whichever scope is current at connect time): the transport
    /// seam when the loaded StackExchange.Redis is the minor version Mocket was tested with, else this one.
    /// </summary>
    public static Tunnel Create(MocketScope? scope) =>
        (s_transportSupported.Value ? TryCreateTransportTunnel(scope) : null) ?? new MockRedisTunnel(scope);

    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult<EndPoint?>(null);

    public override ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream?>(Open(endpoint));

    public override string ToString() => "MockRedisTunnel";

    internal static (string Host, int Port) Locate(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => (dns.Host, dns.Port == 0 ? DefaultPort : dns.Port),
        IPEndPoint ip => (ip.Address.ToString(), ip.Port == 0 ? DefaultPort : ip.Port),
        _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
            $"MockRedis serves host:port endpoints; {endpoint} ({endpoint.GetType().Name}) is not one. Use \"host:port\" in the configuration.")),
    };

    /// <summary>An in-memory connection to the endpoint's location, served by the scope.</summary>
    protected Stream Open(EndPoint endpoint)
    {
        var current = scope ?? (Mocket.TryGetCurrentScope(out var ambient) ? ambient : null) ?? throw new InvalidOperationException(
            "MockRedis options were created outside a Mocket scope and no scope is open now. Call Mocket.Enable() " +
            "(or put [Mocketize] on the test) before connecting.");
        var (host, port) = Locate(endpoint);
        return MocketServer.For(current).Connect(new MocketLocation(host, port), RedisMockProtocol.Instance, s_connectOptions);
    }

    /// <summary>The transport seam is experimental in StackExchange.Redis (it may change in any release): only the tested minor version uses it.</summary>
    private static bool IsTransportSeamTested()
    {
        var version = typeof(ConnectionMultiplexer).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
        return Version.TryParse(version, out var parsed) && parsed.Major == 3 && parsed.Minor == 4;
    }

    /// <summary>Null when the loaded StackExchange.Redis cannot load the transport tunnel (its seam changed shape).</summary>
    /// <remarks>Typed and kept out of line so that only this method's body, inside the try, names the transport tunnel.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
#pragma warning disable CA1859 // The return type must not name MockRedisTransportTunnel: see remarks.
    private static Tunnel? TryCreateTransportTunnel(MocketScope? scope)
    {
        try
        {
            return new MockRedisTransportTunnel(scope);
        }
        catch (Exception ex) when (ex is TypeLoadException or MissingMemberException or FileNotFoundException)
        {
            return null;
        }
    }
#pragma warning restore CA1859
}

#pragma warning disable SER009 // StackExchange.Redis' experimental transport seam: see MockRedisTransport.

/// <summary>
/// The tunnel over StackExchange.Redis' transport seam: each connection is a <see cref="MockRedisTransport"/>,
/// so a command's reply is parsed on the caller's thread before its call returns. A configuration that asks
/// for TLS (<c>ssl=true</c>) is served in memory too: there is no wire to encrypt.
/// </summary>
internal sealed class MockRedisTransportTunnel(MocketScope? scope) : MockRedisTunnel(scope)
{
    public override ValueTask<DuplexTransport?> ConnectTransportAsync(EndPoint endpoint, ConnectionType connectionType, TlsOptions tls, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DuplexTransport?>(new MockRedisTransport(Open(endpoint), tls.IsEnabled));
}
