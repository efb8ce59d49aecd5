using System.Net;
using MocketNet.Protocols;

namespace MocketNet.Connections;

/// <summary>
/// The connections a scope serves: its in-memory connections and loopback listeners, each served by a
/// pump until it ends or the scope closes.
/// </summary>
internal sealed class ScopeConnections(MocketServer server, Lock sync)
{
    private static readonly MocketConnectOptions s_defaultConnectOptions = new();

    private readonly Lock _sync = sync;
    // Made on first use: a scope that never connects allocates neither.
    private HashSet<ConnectionPump>? _pumps;
    private List<LoopbackListener>? _listeners;
    private bool _closed;

    /// <summary>An in-memory connection to a location, served by the scope.</summary>
    public Stream Connect(MocketLocation location, MocketProtocol? protocol, MocketConnectOptions? options)
    {
        var connection = new InMemoryConnection(location, (options ?? s_defaultConnectOptions).ResumeClientReadsInline);
        _ = ServeAsync(location, protocol, connection);
        return connection.Client;
    }

    /// <summary>A real 127.0.0.1 listener whose connections are served as in-memory ones to the location would be.</summary>
    /// <exception cref="ObjectDisposedException">The scope closed meanwhile.</exception>
    public IPEndPoint Listen(MocketLocation location, MocketProtocol? protocol)
    {
        var listener = LoopbackListener.Start(this, location, protocol);
        lock (_sync)
        {
            if (!_closed)
            {
                (_listeners ??= []).Add(listener);
                return listener.EndPoint;
            }
        }

        listener.StopListening();
        throw MocketScope.ClosedError();
    }

    public bool IsListeningOn(IPEndPoint endPoint)
    {
        lock (_sync)
        {
            return _listeners?.Exists(l => l.EndPoint.Equals(endPoint)) == true;
        }
    }

    /// <summary>Serves one accepted or in-memory connection until it ends.</summary>
    public Task ServeAsync(MocketLocation location, MocketProtocol? protocol, ServerTransport transport)
    {
        var pump = ConnectionPump.Start(server, location, protocol ?? server.Registry.ProtocolAt(location), transport);
        lock (_sync)
        {
            if (_closed)
            {
                pump.Abort();
                return pump.Completion;
            }

            (_pumps ??= []).Add(pump);
        }

        _ = pump.Completion.ContinueWith(
            (_, state) => ((ScopeConnections)state!).Untrack(pump), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return pump.Completion;
    }

    /// <summary>Stops the listeners and fails every connection, then cancels the pumps; returns once they have ended (at most 10 s).</summary>
    /// <remarks>
    /// Connections are failed with the scope's error before <paramref name="cancel"/> stops the pumps: a pump that is
    /// cancelled first ends its connection quietly, and HttpClient retries a GET on a fresh connection after a quiet end.
    /// </remarks>
    public void CloseAll(Action cancel)
    {
        ConnectionPump[] pumps;
        LoopbackListener[] listeners;
        lock (_sync)
        {
            _closed = true;
            if (_pumps is not { Count: > 0 } && _listeners is not { Count: > 0 })
            {
                cancel();
                return; // most scopes end with nothing left open
            }

            pumps = [.. _pumps ?? []];
            listeners = [.. _listeners ?? []];
            _listeners?.Clear();
        }

        foreach (var listener in listeners)
        {
            listener.StopListening();
        }

        foreach (var pump in pumps)
        {
            pump.Abort();
        }

        cancel();

        // Pumps end promptly once cancelled and aborted; they never wait on the caller's context.
        Task.WaitAll([.. pumps.Select(p => p.Completion)], TimeSpan.FromSeconds(10));
    }

    private void Untrack(ConnectionPump pump)
    {
        lock (_sync)
        {
            _pumps?.Remove(pump);
        }
    }
}
