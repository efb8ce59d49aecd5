using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MocketNet.Guard;
using MocketNet.Policy;
using MocketNet.Protocols;

namespace MocketNet.Connections;

/// <summary>
/// Serves one client connection, protocol-agnostically: reads bytes, lets the session cut requests, asks the
/// scope's policy what happens to each one, and has the session carry it out: an entry's answer, a built-in
/// answer, a replay, a refusal, a failure, or the real server's reply.
/// </summary>
internal sealed class ConnectionPump
{
    private const int ReadSize = 16 * 1024;

    private readonly MocketServer _server;
    private readonly MocketLocation _location;
    private readonly MocketProtocol _protocol;
    private readonly ServerTransport _transport;
    private readonly CancellationToken _cancellation;
    private readonly Upstream _upstream = new();

    private ConnectionPump(MocketServer server, MocketLocation location, MocketProtocol protocol, ServerTransport transport)
    {
        _server = server;
        _location = location;
        _protocol = protocol;
        _transport = transport;
        _cancellation = server.Closing;
        Completion = Task.CompletedTask;
    }

    /// <summary>Ends when the connection is over.</summary>
    public Task Completion { get; private set; }

    public static ConnectionPump Start(MocketServer server, MocketLocation location, MocketProtocol protocol, ServerTransport transport)
    {
        var pump = new ConnectionPump(server, location, protocol, transport);
        pump.Completion = Task.Run(pump.RunAsync, CancellationToken.None);
        return pump;
    }

    /// <summary>Ends the connection from outside (the scope is closing); the client sees an error.</summary>
    public void Abort() => _transport.Fault(_server.ClosedError(_location));

    private async Task RunAsync()
    {
        // Everything this pump does on the network (pass-through) is Mocket's own, not the test's.
        NetworkGuard.SuppressOnThisFlow();
        var session = _protocol.Open(new MocketConnectionInfo(_server, _location, _protocol, _transport.IsLoopback));
        try
        {
            await session.StartAsync(_transport, _cancellation).ConfigureAwait(false);
            if (_server.Registry.GreetingAt(_location) is { } greeting)
            {
                await session.GreetAsync(greeting, _cancellation).ConfigureAwait(false);
            }
            var buffer = new ByteBuffer();
            while (await ReadAsync(session.Stream!, buffer).ConfigureAwait(false))
            {
                // A session's later answers (HTTP/2's delayed replies) write only between these steps.
                await session.EnterServingAsync(_cancellation).ConfigureAwait(false);
                try
                {
                    if (!await ServeBufferedAsync(session, buffer).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                finally
                {
                    session.ExitServing();
                }
            }

            await session.EnterServingAsync(_cancellation).ConfigureAwait(false);
            try
            {
                await session.FlushPendingAsync(_cancellation).ConfigureAwait(false);
                _transport.Close();
            }
            finally
            {
                session.ExitServing();
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The client went away (or the scope closed under it); nothing is left to answer.
        }
#pragma warning disable CA1031 // A pump must never crash the process: anything else is recorded and fails the connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _server.Log.AddError(ex);
            _transport.Fault(ex);
        }
        finally
        {
            _upstream.Drop();
            if (session.Stream is { } stream && !ReferenceEquals(stream, _transport.Stream))
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            _transport.Dispose();
        }
    }

    private ValueTask<bool> ReadAsync(Stream stream, ByteBuffer buffer) =>
        stream is InMemoryServerStream inMemory ? inMemory.ReadIntoAsync(buffer) : ReadStreamAsync(stream, buffer);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadStreamAsync(Stream stream, ByteBuffer buffer)
    {
        var read = await stream.ReadAsync(buffer.GetWritable(ReadSize), _cancellation).ConfigureAwait(false);
        buffer.Advance(read);
        return read > 0;
    }

    /// <summary>Serves every whole request in the buffer; false when the connection has ended.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ServeBufferedAsync(MocketProtocolSession session, ByteBuffer buffer)
    {
        while (true)
        {
            var readable = buffer.Readable;
            MocketRequest? request;
            try
            {
                if (!session.TryRead(ref readable, out request))
                {
                    await session.FlushPendingAsync(_cancellation).ConfigureAwait(false);
                    return true;
                }
            }
            catch (MocketProtocolException error)
            {
                _server.Log.AddError(error);
                await session.RejectAsync(error, _cancellation).ConfigureAwait(false);
                _transport.Close();
                return false;
            }

            buffer.Consume(buffer.Length - readable.Length);
            if (!await ServeAsync(session, request).ConfigureAwait(false))
            {
                if (session.Stalled)
                {
                    await IgnoreUntilClosedAsync(session.Stream!, buffer).ConfigureAwait(false);
                }

                return false;
            }

            if (session.CloseRequested)
            {
                await session.FlushPendingAsync(_cancellation).ConfigureAwait(false);
                _transport.Close();
                return false;
            }
        }
    }

    /// <summary>A stalled connection: whatever the client sends is read and ignored until it (or the scope) closes the connection.</summary>
    private async ValueTask IgnoreUntilClosedAsync(Stream stream, ByteBuffer buffer)
    {
        do
        {
            buffer.Consume(buffer.Length);
        }
        while (await ReadAsync(stream, buffer).ConfigureAwait(false));
    }

    /// <summary>The decision tree: the policy decides, the session writes. False when the connection has ended.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ServeAsync(MocketProtocolSession session, MocketRequest request)
    {
        var entry = _server.Registry.Find(request);
        var facts = new RequestFacts(request.Location, HasEntry: entry is not null, HasBuiltInAnswer: session.HasBuiltInAnswerFor(request));
        var action = _server.Policy.Decide(facts);
        if (action == RequestAction.AnswerBuiltIn)
        {
            // Built-in traffic (a handshake) is neither logged nor a violation.
            await session.AnswerBuiltInAsync(request, _cancellation).ConfigureAwait(false);
            return true;
        }

        _server.Log.Add(request);
        var recording = _server.Recording;
        if (action == RequestAction.TryReplay)
        {
            if (recording!.TryReplay(_protocol.RecordingRules, request.Location, session.UpstreamRequestOf(request), out var recorded))
            {
                // Replayed: no network, so never a violation, strict or not.
                await session.RelayAsync(request, recorded, _cancellation).ConfigureAwait(false);
                return true;
            }

            action = _server.Policy.Decide(facts with { ReplayMissed = true });
        }

        switch (action)
        {
            case RequestAction.Serve:
                return await session.AnswerAsync(entry!, request, _cancellation).ConfigureAwait(false);
            case RequestAction.Refuse:
                var violation = _server.Violations.UnmatchedRequest(request, recording?.FilePath);
                return await session.RefuseAsync(request, violation, _cancellation).ConfigureAwait(false);
            case RequestAction.FailReplayMiss:
                var miss = recording!.Miss(request);
                _server.Log.AddError(miss);
                return await session.FailAsync(request, miss, _cancellation).ConfigureAwait(false);
            default:
                return await PassThroughAsync(session, request, record: action == RequestAction.PassThroughAndRecord).ConfigureAwait(false);
        }
    }

    /// <summary>The "true socket": sends the request to the real server and relays its reply unchanged.</summary>
    private async ValueTask<bool> PassThroughAsync(MocketProtocolSession session, MocketRequest request, bool record)
    {
        var sent = session.UpstreamRequestOf(request);
        byte[]? reply;
        try
        {
            reply = await _upstream.ExchangeAsync(session, request, sent, _cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException && !_cancellation.IsCancellationRequested)
        {
            var error = new IOException(
                $"No entry matched a request to {request.Location}, so Mocket passed it to the real server (true socket), and that failed: {ex.Message} " +
                "Register an entry for it, or make the scope strict to refuse unmatched requests.", ex);
            _server.Log.AddError(error);
            _upstream.Drop();
            return await session.FailAsync(request, error, _cancellation).ConfigureAwait(false);
        }

        if (reply is null)
        {
            // The real server closed without (the rest of) an answer: so does this connection.
            await session.FlushPendingAsync(_cancellation).ConfigureAwait(false);
            _transport.Close();
            return false;
        }

        if (record)
        {
            _server.Recording!.Record(_protocol.RecordingRules, request.Location, sent, reply);
        }

        await session.RelayAsync(request, reply, _cancellation).ConfigureAwait(false);
        return true;
    }
}
