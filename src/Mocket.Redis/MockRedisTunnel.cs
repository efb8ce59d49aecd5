using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace MocketNet.Redis;

/// <summary>
/// StackExchange.Redis' transport seam: no socket is opened (<see cref="GetSocketConnectEndpointAsync"/>
/// returns null) and each of the client's connections (interactive and subscription) is an in-memory
/// Mocket connection to the endpoint's location, served by the scope's Redis entries.
/// </summary>
internal sealed class MockRedisTunnel(MocketScope? scope) : Tunnel
{
    private const int DefaultPort = 6379;

    // The client's reader never blocks and completes its callers asynchronously (it protects its reader
    // thread from continuations), so replies may resume it on the pump's thread: one thread hop fewer.
    private static readonly MocketConnectOptions s_connectOptions = new() { ResumeClientReadsInline = true };

    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult<EndPoint?>(null);

    public override ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken)
    {
        var current = scope ?? (Mocket.TryGetCurrentScope(out var ambient) ? ambient : null) ?? throw new InvalidOperationException(
            "MockRedis options were created outside a Mocket scope and no scope is open now. Call Mocket.Enable() " +
            "(or put [Mocketize] on the test) before connecting.");
        var (host, port) = Locate(endpoint);
        return ValueTask.FromResult<Stream?>(current.Connect(host, port, RedisMockProtocol.Instance, s_connectOptions));
    }

    public override string ToString() => "MockRedisTunnel";

    internal static (string Host, int Port) Locate(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => (dns.Host, dns.Port == 0 ? DefaultPort : dns.Port),
        IPEndPoint ip => (ip.Address.ToString(), ip.Port == 0 ? DefaultPort : ip.Port),
        _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
            $"MockRedis serves host:port endpoints; {endpoint} ({endpoint.GetType().Name}) is not one. Use \"host:port\" in the configuration.")),
    };
}
