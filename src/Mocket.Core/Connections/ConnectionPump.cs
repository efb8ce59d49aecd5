using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MocketNet.Guard;
using MocketNet.Protocols;

namespace MocketNet.Connections;

/// <summary>
/// Serves one client connection, protocol-agnostically: reads bytes, lets the session cut requests,
/// matches each against the scope's entries, logs it, and answers, refuses or passes it through.
/// </summary>
internal sealed class ConnectionPump
{
    private const int ReadSize = 16 * 1024;

    private readonly MocketScope _scope;
    private readonly MocketLocation _location;
    private readonly MocketProtocol _protocol;
    private readonly ServerTransport _transport;
    private readonly CancellationToken _cancellation;
    private Stream? _upstream;
    private MocketLocation _upstreamLocation;
    private ByteBuffer? _upstreamBuffer;

    private ConnectionPump(MocketScope scope, MocketLocation location, MocketProtocol protocol, ServerTransport transport, CancellationToken cancellation)
    {
        _scope = scope;
        _location = location;
        _protocol = protocol;
        _transport = transport;
        _cancellation = cancellation;
        Completion = Task.CompletedTask;
    }

    /// <summary>Ends when the connection is over.</summary>
    public Task Completion { get; private set; }

    public static ConnectionPump Start(MocketScope scope, MocketLocation location, MocketProtocol protocol, ServerTransport transport, CancellationToken cancellation)
    {
        var pump = new ConnectionPump(scope, location, protocol, transport, cancellation);
        pump.Completion = Task.Run(pump.RunAsync, CancellationToken.None);
        return pump;
    }

    /// <summary>Ends the connection from outside (the scope is closing); the client sees an error.</summary>
    public void Abort() => _transport.Fault(new IOException($"The Mocket scope serving this connection to {_location} was closed."));

    private async Task RunAsync()
    {
        // Everything this pump does on the network (pass-through) is Mocket's own, not the test's.
        NetworkGuard.SuppressOnThisFlow();
        var session = _protocol.CreateSession(new MocketConnectionInfo(_scope, _location, _transport.IsLoopback));
        Stream? stream = null;
        try
        {
            stream = await session.AcceptAsync(_transport.Stream, _cancellation).ConfigureAwait(false);
            var buffer = new ByteBuffer();
            while (await ReadAsync(stream, buffer).ConfigureAwait(false))
            {
                if (!await ServeBufferedAsync(session, stream, buffer).ConfigureAwait(false))
                {
                    return;
                }
            }

            _transport.Close();
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
            _scope.AddError(ex);
            _transport.Fault(ex);
        }
        finally
        {
            _upstream?.Dispose();
            if (stream is not null && !ReferenceEquals(stream, _transport.Stream))
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
    private async ValueTask<bool> ServeBufferedAsync(MocketProtocolSession session, Stream stream, ByteBuffer buffer)
    {
        while (true)
        {
            var readable = buffer.Readable;
            MocketRequest? request;
            try
            {
                if (!session.TryReadRequest(ref readable, out request))
                {
                    return true;
                }
            }
            catch (MocketProtocolException error)
            {
                _scope.AddError(error);
                await session.WriteProtocolErrorAsync(stream, error, _cancellation).ConfigureAwait(false);
                _transport.Close();
                return false;
            }

            buffer.Consume(buffer.Length - readable.Length);
            if (!await ServeAsync(session, stream, request).ConfigureAwait(false))
            {
                return false;
            }

            if (session.CloseRequested)
            {
                _transport.Close();
                return false;
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ServeAsync(MocketProtocolSession session, Stream stream, MocketRequest request)
    {
        var entry = _scope.FindEntry(request);
        if (entry is null && session.TryGetBuiltInResponse(request, out var builtIn))
        {
            await session.WriteResponseAsync(stream, request, builtIn, _cancellation).ConfigureAwait(false);
            return true;
        }

        _scope.Log(request);
        if (entry is not null)
        {
            var response = entry.NextResponse(request);
            if (response is Exception fault && !session.TryGetFaultResponse(request, fault, out response))
            {
                _transport.Fault(fault);
                return false;
            }

            await session.WriteResponseAsync(stream, request, response, _cancellation).ConfigureAwait(false);
            return true;
        }

        var recording = _scope.Recording;
        if (recording is not null && recording.TryReplay(session, request, out var recorded))
        {
            // Replayed: no network, so never a violation, strict or not.
            await stream.WriteAsync(recorded, _cancellation).ConfigureAwait(false);
            await stream.FlushAsync(_cancellation).ConfigureAwait(false);
            return true;
        }

        if (_scope.Options.Strict && !_scope.IsAllowed(request.Location))
        {
            var violation = _scope.RecordUnmatchedRequest(request);
            if (session.TryGetRefusal(request, violation, out var refusal))
            {
                await session.WriteResponseAsync(stream, request, refusal, _cancellation).ConfigureAwait(false);
                return true;
            }

            _transport.Fault(violation);
            return false;
        }

        if (recording is { Mode: MocketRecordMode.None })
        {
            var miss = recording.Miss(request);
            _scope.AddError(miss);
            return await FaultAsync(session, stream, request, miss).ConfigureAwait(false);
        }

        return await PassThroughAsync(session, stream, request).ConfigureAwait(false);
    }

    /// <summary>The "true socket": sends the request to the real server and relays its reply unchanged.</summary>
    private async ValueTask<bool> PassThroughAsync(MocketProtocolSession session, Stream stream, MocketRequest request)
    {
        byte[]? reply;
        try
        {
            reply = await ExchangeUpstreamAsync(session, request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException && !_cancellation.IsCancellationRequested)
        {
            var error = new IOException(
                $"No entry matched a request to {request.Location}, so Mocket passed it to the real server (true socket), and that failed: {ex.Message} " +
                "Register an entry for it, or make the scope strict to refuse unmatched requests.", ex);
            _scope.AddError(error);
            DropUpstream();
            return await FaultAsync(session, stream, request, error).ConfigureAwait(false);
        }

        if (reply is null)
        {
            // The real server closed without (the rest of) an answer: so does this connection.
            _transport.Close();
            return false;
        }

        _scope.Recording?.Record(session, request, reply);
        await stream.WriteAsync(reply, _cancellation).ConfigureAwait(false);
        await stream.FlushAsync(_cancellation).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Fails a request with an error of Mocket's own (a recording miss, a failed pass-through): as the session's
    /// fault response when it has one (a seam whose transport cannot carry the exception), else by faulting
    /// the connection. False when the connection has ended.
    /// </summary>
    private async ValueTask<bool> FaultAsync(MocketProtocolSession session, Stream stream, MocketRequest request, Exception error)
    {
        if (!session.TryGetFaultResponse(request, error, out var response))
        {
            _transport.Fault(error);
            return false;
        }

        await session.WriteResponseAsync(stream, request, response, _cancellation).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends one request upstream and reads its reply; null when the server closed before answering.</summary>
    private async ValueTask<byte[]?> ExchangeUpstreamAsync(MocketProtocolSession session, MocketRequest request)
    {
        if (_upstream is not null && _upstreamLocation != request.Location)
        {
            DropUpstream();
        }

        var upstream = _upstream ??= await session.OpenUpstreamAsync(request.Location, _cancellation).ConfigureAwait(false);
        _upstreamLocation = request.Location;
        await upstream.WriteAsync(session.GetUpstreamRequest(request), _cancellation).ConfigureAwait(false);
        await upstream.FlushAsync(_cancellation).ConfigureAwait(false);

        var buffer = _upstreamBuffer ??= new ByteBuffer();
        var completed = false;
        while (true)
        {
            if (buffer.Length > 0 || completed)
            {
                var readable = buffer.Readable;
                if (session.TryReadUpstreamResponse(ref readable, completed, request, out var reply))
                {
                    var bytes = reply.ToArray();
                    buffer.Consume(buffer.Length - readable.Length);
                    if (completed)
                    {
                        DropUpstream();
                    }

                    return bytes;
                }
            }

            if (completed)
            {
                DropUpstream();
                return null;
            }

            var read = await upstream.ReadAsync(buffer.GetWritable(ReadSize), _cancellation).ConfigureAwait(false);
            buffer.Advance(read);
            completed = read == 0;
        }
    }

    private void DropUpstream()
    {
        _upstream?.Dispose();
        _upstream = null;
        _upstreamBuffer = null;
    }
}
