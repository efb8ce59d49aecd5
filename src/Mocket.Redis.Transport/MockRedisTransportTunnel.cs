using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using RESPite.Transports;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace MocketNet.Redis.Transport;

#pragma warning disable SER009 // StackExchange.Redis' experimental transport seam: see MockRedisTransport.

/// <summary>
/// The tunnel over StackExchange.Redis' transport seam: each connection is a <see cref="MockRedisTransport"/>
/// over the in-memory Mocket connection <paramref name="open"/> gives, so a command's reply is parsed on the
/// caller's thread before its call returns. A configuration that asks for TLS (<c>ssl=true</c>) is served in
/// memory too: there is no wire to encrypt. Created by Mocket.Redis' MockRedisTunnel.Create, by reflection.
/// </summary>
/// <param name="open">Opens an in-memory connection to the endpoint's location, served by the scope.</param>
internal sealed class MockRedisTransportTunnel(Func<EndPoint, Stream> open) : Tunnel
{
    // The last connection opened, by endpoint and kind: the one a new connection for the same pair replaces.
    private readonly ConcurrentDictionary<(string EndPoint, ConnectionType Kind), MockRedisTransport> _latest = new();

    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult<EndPoint?>(null);

    public override ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream?>(open(endpoint));

    /// <summary>
    /// A connection opens at once, unless the one it replaces is inside a flush: then <see cref="MockRedisTransport.WriterLeaves"/>
    /// later, as a socket's connect takes time. The client reconnects from wherever it saw the failure, and it sees a reply it
    /// cannot parse inside the flush that brought it (the pump answers inline). A connection opened at once there started its
    /// handshake on that thread while the flush still held the client's write lock, and the next command timed out with the
    /// client's writer still in that flush (<c>bw: Flushing</c>; about one full run of the Redis tests in eight).
    /// </summary>
    public override ValueTask<DuplexTransport?> ConnectTransportAsync(EndPoint endpoint, ConnectionType connectionType, TlsOptions tls, CancellationToken cancellationToken)
    {
        var pair = (endpoint.ToString() ?? string.Empty, connectionType);
        return _latest.TryGetValue(pair, out var replaced) && replaced.IsFlushing
            ? OpenLaterAsync()
            : ValueTask.FromResult<DuplexTransport?>(Open());

        MockRedisTransport Open() => _latest[pair] = new MockRedisTransport(open(endpoint), tls.IsEnabled);

        async ValueTask<DuplexTransport?> OpenLaterAsync()
        {
            await Task.Delay(MockRedisTransport.WriterLeaves, cancellationToken).ConfigureAwait(false);
            return Open();
        }
    }

    public override string ToString() => "MockRedisTunnel";
}
