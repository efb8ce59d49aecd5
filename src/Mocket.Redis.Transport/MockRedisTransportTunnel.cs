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
    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult<EndPoint?>(null);

    public override ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream?>(open(endpoint));

    public override ValueTask<DuplexTransport?> ConnectTransportAsync(EndPoint endpoint, ConnectionType connectionType, TlsOptions tls, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DuplexTransport?>(new MockRedisTransport(open(endpoint), tls.IsEnabled));

    public override string ToString() => "MockRedisTunnel";
}
