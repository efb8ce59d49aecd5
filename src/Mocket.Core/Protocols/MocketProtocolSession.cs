using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Connections;

namespace MocketNet.Protocols;

/// <summary>
/// Serves one client connection for a protocol: the pump's side of the contract. Packs derive
/// <see cref="MocketProtocolSession{TRequest, TResponse}"/>, which turns each step below into a typed hook.
/// Every byte the client receives goes through the session: replies, built-in answers, refusals, faults,
/// interim responses and verbatim bytes (a replay, a real server's reply). A session is used by one pump at
/// a time and needs no locking.
/// </summary>
public abstract class MocketProtocolSession
{
    private Stream? _output;
    private ServerTransport? _transport;

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
    internal Stream? Stream => _output;

    /// <summary>Fails the client's connection: its reads throw (in memory, carrying <paramref name="error"/>) or it is reset.</summary>
    /// <param name="error">Why.</param>
    protected void Abort(Exception error) => _transport?.Fault(error);

    internal async ValueTask StartAsync(ServerTransport transport, CancellationToken cancellationToken)
    {
        _transport = transport;
        _output = await AcceptTransportAsync(transport.Stream, cancellationToken).ConfigureAwait(false);
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

    internal abstract ValueTask RejectAsync(MocketProtocolException error, CancellationToken cancellationToken);

    /// <summary>Writes what the session held back; the pump calls it before it waits for more input and before it closes.</summary>
    internal abstract ValueTask FlushPendingAsync(CancellationToken cancellationToken);

    internal abstract ValueTask RelayAsync(MocketRequest request, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    internal abstract ReadOnlyMemory<byte> UpstreamRequestOf(MocketRequest request);

    internal abstract ValueTask<Stream> OpenUpstreamFor(MocketRequest request, CancellationToken cancellationToken);

    internal abstract bool TryReadUpstreamReply(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, MocketRequest request, out ReadOnlySequence<byte> reply);
}
