using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Connections;

namespace MocketNet.Protocols;

/// <summary>
/// Serves one client connection for a protocol: the pump's side of the contract. Packs derive
/// <see cref="MocketProtocolSession{TRequest, TResponse}"/>, which turns each step below into a typed hook.
/// Every byte the client receives goes through the session: replies, built-in answers, refusals, faults,
/// interim responses and verbatim bytes (a replay, a real server's reply). A session is used by one pump at
/// a time and needs no locking: an answer written later (<see cref="AnswerLater"/>) runs only while the pump is
/// between requests.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Its SemaphoreSlim holds no handle: AvailableWaitHandle is never read.")]
public abstract class MocketProtocolSession
{
    private Stream? _stream;
    private Stream? _output;
    private ServerTransport? _transport;

    // Made when the session first answers later (AnswerLater); the pump holds it while it serves, a later answer while it writes.
    private SemaphoreSlim? _serving;
    private bool _pumpServes;

    /// <summary>Only <see cref="MocketProtocolSession{TRequest, TResponse}"/> derives from this class.</summary>
    private protected MocketProtocolSession(MocketConnectionInfo connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
    }

    /// <summary>The connection served.</summary>
    public MocketConnectionInfo Connection { get; }

    /// <summary>
    /// Set by a session when what it just wrote ends the connection (such as HTTP's <c>Connection: close</c>);
    /// the pump then closes the connection gracefully instead of reading on.
    /// </summary>
    public bool CloseRequested { get; protected set; }

    /// <summary>The client's side of the connection (after any TLS), for the session's writes.</summary>
    /// <exception cref="InvalidOperationException">The connection has not started.</exception>
    protected Stream Output => _output ?? throw new InvalidOperationException("The Mocket connection has not started; a session writes only once the pump has accepted it.");

    /// <summary>Whether the connection has started (its <see cref="Output"/> is there).</summary>
    protected bool HasStarted => _output is not null;

    /// <summary>The stream the pump reads the client's bytes from (the session's <see cref="Output"/>), once started.</summary>
    internal Stream? Stream => _stream;

    /// <summary>Set when a <see cref="MocketFaultKind.Stall"/> fault has been applied: nothing is written on this connection again.</summary>
    internal bool Stalled { get; private set; }

    /// <summary>Fails the client's connection: its reads throw (in memory, carrying <paramref name="error"/>) or it is reset.</summary>
    /// <param name="error">Why.</param>
    protected void Abort(Exception error) => _transport?.Fault(error);

    /// <summary>
    /// From now on, a client read waiting for this connection's bytes resumes on the thread that wrote them instead of being
    /// queued to the thread pool: one thread hop fewer per reply. Only for a session that has learnt its client reads in a loop
    /// of its own that never blocks and never runs its caller's code inline, such as HttpClient's HTTP/2 reader (see
    /// <see cref="MocketConnectOptions.ResumeClientReadsInline"/>). No effect on a connection through a loopback listener.
    /// </summary>
    protected void ResumeClientReadsInline() => _transport?.ResumeClientReadsInline();

    /// <summary>
    /// Writes an answer after <paramref name="delay"/> without holding up the connection: the pump goes on serving the
    /// client's other requests meanwhile, and <paramref name="write"/> runs once the pump is between requests, alone on the
    /// connection. For a protocol whose requests are answered each on its own (HTTP/2's streams); one whose replies come
    /// in request order must write in the pump's flow. Nothing is written when the scope closes or the client leaves first.
    /// Call it from a hook that answers a request (<c>WriteResponseAsync</c> and the like), never from <c>AcceptAsync</c>.
    /// </summary>
    /// <param name="delay">How long after now.</param>
    /// <param name="write">Writes the answer with the session's usual methods; its token is cancelled when the scope closes.</param>
    protected void AnswerLater(TimeSpan delay, Func<CancellationToken, ValueTask> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_serving is null)
        {
            // Called while the pump serves: it holds the new gate as if it had entered it.
            _serving = new SemaphoreSlim(0, 1);
            _pumpServes = true;
        }

        _ = AnswerLaterAsync(delay, write, _serving);
    }

    /// <summary>The pump starts serving what it read: a later answer waits until it is done.</summary>
    internal ValueTask EnterServingAsync(CancellationToken cancellationToken) =>
        _serving is null ? ValueTask.CompletedTask : WaitToServeAsync(_serving, cancellationToken);

    /// <summary>The pump is between requests: a later answer may write.</summary>
    internal void ExitServing()
    {
        if (_pumpServes)
        {
            _pumpServes = false;
            _serving!.Release();
        }
    }

    internal async ValueTask StartAsync(ServerTransport transport, CancellationToken cancellationToken)
    {
        _transport = transport;
        _stream = _output = await AcceptTransportAsync(transport.Stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bytes <paramref name="write"/> sends, held back instead of sent (the session's writes go to a buffer meanwhile).</summary>
    private protected async ValueTask<ReadOnlyMemory<byte>> CaptureAsync(Func<ValueTask> write)
    {
        using var capture = new MemoryStream();
        _output = capture;
        try
        {
            await write().ConfigureAwait(false);
        }
        finally
        {
            _output = _stream;
        }

        return capture.GetBuffer().AsMemory(0, (int)capture.Length);
    }

    /// <summary>Sends <paramref name="reply"/> as <paramref name="fault"/> says; false when the connection has ended.</summary>
    private protected async ValueTask<bool> SendFaultedAsync(MocketFault fault, ReadOnlyMemory<byte> reply, MocketRequest request, CancellationToken cancellationToken)
    {
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
        }

        switch (fault.Kind)
        {
            case MocketFaultKind.Reset:
                if (await ResetRequestAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                // As NetworkStream reports a TCP reset; a loopback client gets a real one.
                Abort(new IOException(
                    $"Unable to read data from the transport connection: Connection reset by peer. (Mocket fault: the entry answering {request.Location} resets the connection: MocketFault.{fault}.)",
                    new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset)));
                return false;
            case MocketFaultKind.Stall:
                Stalled = true;
                return false;
            case MocketFaultKind.CloseAfter:
                await WriteAsync(reply[..Math.Min(fault.Size, reply.Length)], cancellationToken).ConfigureAwait(false);
                CloseRequested = true;
                return true;
            case MocketFaultKind.Dribble:
                for (var sent = 0; sent < reply.Length; sent += fault.Size)
                {
                    if (sent > 0)
                    {
                        await Task.Delay(fault.Interval, cancellationToken).ConfigureAwait(false);
                    }

                    await WriteAsync(reply.Slice(sent, Math.Min(fault.Size, reply.Length - sent)), cancellationToken).ConfigureAwait(false);
                }

                return true;
            case MocketFaultKind.Malformed:
                await WriteAsync(fault.Bytes, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                await WriteAsync(reply, cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    private async ValueTask WaitToServeAsync(SemaphoreSlim serving, CancellationToken cancellationToken)
    {
        await serving.WaitAsync(cancellationToken).ConfigureAwait(false);
        _pumpServes = true;
    }

    private async Task AnswerLaterAsync(TimeSpan delay, Func<CancellationToken, ValueTask> write, SemaphoreSlim serving)
    {
        var cancellationToken = Connection.Server.Closing;
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            await serving.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await write(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                serving.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The scope closed or the client left before the answer was due: like a real server's late reply, it goes nowhere.
        }
#pragma warning disable CA1031 // Nothing awaits a later answer: anything else is recorded, as the pump records it, and fails the connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Connection.Server.Log.AddError(ex);
            Abort(ex);
        }
    }

    /// <summary>Writes what the server says first (an entry's <see cref="MocketEntry.Greeting"/>), before any request is read.</summary>
    internal ValueTask GreetAsync(RawResponse greeting, CancellationToken cancellationToken) => WriteGreetingAsync(greeting.Data, cancellationToken);

    /// <summary>Writes a greeting; by default its bytes as they are. A protocol whose greeting needs framing overrides it.</summary>
    /// <param name="greeting">The greeting's bytes.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask WriteGreetingAsync(ReadOnlyMemory<byte> greeting, CancellationToken cancellationToken) =>
        WriteAsync(greeting, cancellationToken);

    /// <summary>Writes bytes to the client and flushes them.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await Output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // The pump's steps, in the order of its decision tree; MocketProtocolSession<TRequest, TResponse> implements each.
    private protected abstract ValueTask<Stream> AcceptTransportAsync(Stream transport, CancellationToken cancellationToken);

    internal abstract bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request);

    internal abstract bool HasBuiltInAnswerFor(MocketRequest request);

    internal abstract ValueTask AnswerBuiltInAsync(MocketRequest request, CancellationToken cancellationToken);

    /// <summary>Writes the entry's answer; false when the connection has ended (the answer was a fault).</summary>
    internal abstract ValueTask<bool> AnswerAsync(MocketEntry entry, MocketRequest request, CancellationToken cancellationToken);

    /// <summary>Refuses in the protocol's words, else fails the connection with <paramref name="violation"/>; false when the connection has ended.</summary>
    internal abstract ValueTask<bool> RefuseAsync(MocketRequest request, StrictMocketException violation, CancellationToken cancellationToken);

    /// <summary>Fails a request with Mocket's own error (a replay miss, a failed pass-through); false when the connection has ended.</summary>
    internal abstract ValueTask<bool> FailAsync(MocketRequest request, Exception error, CancellationToken cancellationToken);

    /// <summary>Resets only the request's own exchange (HTTP/2's RST_STREAM), true; false to reset the whole connection.</summary>
    internal abstract ValueTask<bool> ResetRequestAsync(MocketRequest request, CancellationToken cancellationToken);

    internal abstract ValueTask RejectAsync(MocketProtocolException error, CancellationToken cancellationToken);

    /// <summary>Writes what the session held back; the pump calls it before it waits for more input and before it closes.</summary>
    internal abstract ValueTask FlushPendingAsync(CancellationToken cancellationToken);

    internal abstract ValueTask RelayAsync(MocketRequest request, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    internal abstract ReadOnlyMemory<byte> UpstreamRequestOf(MocketRequest request);

    internal abstract ValueTask<Stream> OpenUpstreamFor(MocketRequest request, CancellationToken cancellationToken);

    internal abstract bool TryReadUpstreamReply(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, MocketRequest request, out ReadOnlySequence<byte> reply);
}
