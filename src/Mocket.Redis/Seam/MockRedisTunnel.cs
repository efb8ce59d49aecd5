using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MocketNet.Protocols;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace MocketNet.Redis.Seam;

/// <summary>
/// StackExchange.Redis' Stream seam: no socket is opened (<see cref="GetSocketConnectEndpointAsync"/>
/// returns null) and each of the client's connections (interactive and subscription) is an in-memory
/// Mocket connection to the endpoint's location, served by the scope's Redis entries. The client's own
/// writer and reader loops run over it. <see cref="Create"/> prefers the faster transport seam, which lives in
/// Mocket.Redis.Transport.dll (compiled against StackExchange.Redis 3.4, shipped beside this assembly).
/// </summary>
internal sealed class MockRedisTunnel(MocketScope? scope) : Tunnel
{
    private const int DefaultPort = 6379;

    // The client's reader never blocks and completes its callers asynchronously (it protects its reader
    // thread from continuations), so replies may resume it on the pump's thread: one thread hop fewer.
    private static readonly MocketConnectOptions s_connectOptions = new() { ResumeClientReadsInline = true };

    private static readonly Lazy<Type?> s_transportTunnel = new(FindTransportTunnel);

    /// <summary>
    /// The tunnel for a scope (or, when null, for whichever scope is current at connect time): the transport
    /// seam when the loaded StackExchange.Redis is the minor version Mocket was tested with, else this one.
    /// </summary>
    public static Tunnel Create(MocketScope? scope)
    {
        var tunnel = new MockRedisTunnel(scope);
        return s_transportTunnel.Value is { } transport
            ? (Tunnel)Activator.CreateInstance(transport, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, binder: null,
                [new Func<EndPoint, Stream>(tunnel.Open)], CultureInfo.InvariantCulture)!
            : tunnel;
    }

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
    private Stream Open(EndPoint endpoint)
    {
        var current = scope ?? (Mocket.TryGetCurrentScope(out var ambient) ? ambient : null) ?? throw new InvalidOperationException(
            "MockRedis options were created outside a Mocket scope and no scope is open now. Call Mocket.Enable() " +
            "(or put [Mocketize] on the test) before connecting.");
        var (host, port) = Locate(endpoint);
        return MocketServer.For(current).Connect(new MocketLocation(host, port), RedisMockProtocol.Instance, s_connectOptions);
    }

    /// <summary>
    /// The transport tunnel's type, or null where it must not or cannot run: the transport seam is experimental in
    /// StackExchange.Redis (it may change in any release), so only the tested minor version uses it, and
    /// Mocket.Redis.Transport.dll may be missing (a single-file app, an assembly copied alone).
    /// </summary>
    private static Type? FindTransportTunnel()
    {
        var version = typeof(ConnectionMultiplexer).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
        if (!Version.TryParse(version, out var parsed) || parsed.Major != 3 || parsed.Minor != 4)
        {
            return null;
        }

        try
        {
            return LoadTransportAssembly()?.GetType("MocketNet.Redis.Transport.MockRedisTransportTunnel", throwOnError: false);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }

    /// <summary>Where the package put it (listed in the app's dependencies) or, for a project reference, beside this assembly.</summary>
    private static Assembly? LoadTransportAssembly()
    {
        const string Name = "Mocket.Redis.Transport";
        try
        {
            return Assembly.Load(new AssemblyName(Name));
        }
        catch (FileNotFoundException)
        {
            var directory = Path.GetDirectoryName(typeof(MockRedisTunnel).Assembly.Location);
            var path = string.IsNullOrEmpty(directory) ? null : Path.Combine(directory, Name + ".dll");
            return path is not null && File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
