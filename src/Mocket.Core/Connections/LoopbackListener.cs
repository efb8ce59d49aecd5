using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using MocketNet.Guard;
using MocketNet.Protocols;
using Pipelines.Sockets.Unofficial;

namespace MocketNet.Connections;

/// <summary>
/// A real 127.0.0.1 listener (ephemeral port, NoDelay) whose connections are served exactly like
/// <see cref="Mocket.Connect"/> to one location. Built on Pipelines.Sockets.Unofficial's SocketServer.
/// </summary>
internal sealed class LoopbackListener : SocketServer
{
    private const int BindAttempts = 20;

    // No dedicated threads are left behind when the listener stops. Readers run inline: the pump continues
    // on the socket's receive completion, and the send loop on the pump's flush, saving two thread-pool
    // hops per exchange (no client code runs on these continuations: the client is across a socket).
    private static readonly PipeOptions s_pipeOptions = new(
        readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.ThreadPool, useSynchronizationContext: false);

    private readonly ScopeConnections _connections;
    private readonly MocketLocation _location;
    private readonly MocketProtocol? _protocol;
    private int _stopped;

    private LoopbackListener(ScopeConnections connections, MocketLocation location, MocketProtocol? protocol, IPEndPoint endPoint)
    {
        _connections = connections;
        _location = location;
        _protocol = protocol;
        EndPoint = endPoint;
    }

    /// <summary>Where clients connect.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Binds a listener on a free 127.0.0.1 port.</summary>
    public static LoopbackListener Start(ScopeConnections connections, MocketLocation location, MocketProtocol? protocol)
    {
        SocketException? last = null;
        for (var attempt = 0; attempt < BindAttempts; attempt++)
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, FreeLoopbackPort());
            var listener = new LoopbackListener(connections, location, protocol, endPoint);
            NetworkGuard.AddOwnPort(endPoint.Port);
            try
            {
                listener.Listen(endPoint, AddressFamily.InterNetwork, sendOptions: s_pipeOptions, receiveOptions: s_pipeOptions);
                return listener;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // Another process took the port between the probe and the bind: try another.
                NetworkGuard.RemoveOwnPort(endPoint.Port);
                last = ex;
            }
        }

        throw new IOException($"Mocket could not bind a loopback listener for {location} after {BindAttempts} attempts.", last);
    }

    public void StopListening()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Dispose();
            NetworkGuard.RemoveOwnPort(EndPoint.Port);
        }
    }

    protected override Task OnClientConnectedAsync(in ClientConnection client)
    {
        var connection = (SocketConnection)client.Transport;
        connection.Socket.NoDelay = true;
        return _connections.ServeAsync(_location, _protocol, new SocketTransport(connection));
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
