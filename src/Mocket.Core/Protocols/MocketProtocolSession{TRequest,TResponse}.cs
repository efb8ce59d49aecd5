using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;

namespace MocketNet.Protocols;

/// <summary>
/// Serves one client connection of a protocol, typed. Core's pump reads the client's bytes and asks
/// <see cref="TryReadRequest"/> to cut requests; the scope's policy decides what happens to each one, and the
/// pump calls back the hook that carries it out: <see cref="WriteResponseAsync"/> for an entry's response,
/// <see cref="WriteBuiltInAnswerAsync"/>, <see cref="WriteRefusalAsync"/>, <see cref="WriteFailureAsync"/> or
/// <see cref="WriteVerbatimAsync"/>. A session is used by one pump at a time and needs no locking.
/// </summary>
/// <typeparam name="TRequest">The protocol's request type.</typeparam>
/// <typeparam name="TResponse">The protocol's response type.</typeparam>
public abstract class MocketProtocolSession<TRequest, TResponse> : MocketProtocolSession
    where TRequest : MocketRequest
    where TResponse : MocketResponse
{
#pragma warning disable RS0022 // Deriving this generic class is how a pack implements the contract: the base's protected members are meant for it.
    /// <summary>Creates a session for a connection.</summary>
    /// <param name="connection">The connection served.</param>
    protected MocketProtocolSession(MocketConnectionInfo connection)
        : base(connection)
    {
    }
#pragma warning restore RS0022

    /// <summary>
    /// Prepares the transport before any request is read, for example by terminating TLS; the stream returned
    /// becomes <see cref="MocketProtocolSession.Output"/>. The default returns it unchanged.
    /// </summary>
    /// <param name="transport">The server side of the client's connection.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask<Stream> AcceptAsync(Stream transport, CancellationToken cancellationToken) => ValueTask.FromResult(transport);

    /// <summary>
    /// Cuts one request from the front of <paramref name="buffer"/>: on success, slice the consumed bytes off
    /// and return true; when the bytes end before a whole request, consume nothing and return false (the pump
    /// calls again with the same bytes and more, so a reader may remember how far it looked). Throw
    /// <see cref="MocketProtocolException"/> for malformed input. Only reads: writing belongs in the hooks.
    /// </summary>
    /// <param name="buffer">The client's unconsumed bytes. For raw framing it holds exactly one client write.</param>
    /// <param name="request">The request cut, whose <see cref="MocketRequest.Data"/> are its exact bytes.</param>
    protected abstract bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out TRequest? request);

    /// <summary>Writes an entry's response (never a fault: those go to <see cref="WriteFailureAsync"/>).</summary>
    /// <param name="request">The request answered.</param>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected abstract ValueTask WriteResponseAsync(TRequest request, TResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the protocol answers a request no entry handles by itself (a client's handshake, housekeeping).
    /// Built-in answers are not logged and are never strict-mode violations. Must not write or change state.
    /// </summary>
    /// <param name="request">A request.</param>
    protected virtual bool HasBuiltInAnswer(TRequest request) => false;

    /// <summary>Writes the built-in answer of a request for which <see cref="HasBuiltInAnswer"/> is true.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask WriteBuiltInAnswerAsync(TRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Connection.Protocol.Name} session says it answers a request itself (HasBuiltInAnswer) but does not override WriteBuiltInAnswerAsync.");

    /// <summary>
    /// Refuses an unmatched request of a strict scope in the protocol's words (such as an error reply) and
    /// returns true; or returns false (the default) to fail the client's connection with <paramref name="violation"/>.
    /// </summary>
    /// <param name="request">The unmatched request.</param>
    /// <param name="violation">The strict-mode exception describing it.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask<bool> WriteRefusalAsync(TRequest request, StrictMocketException violation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <summary>
    /// Answers a failed request — an entry's fault, or Mocket's own error (a replay miss, a failed pass-through)
    /// — in the protocol's words and returns true (for a transport that cannot carry an exception, such as a
    /// loopback socket, whose client side raises it); or returns false (the default) to fail the client's
    /// connection with <paramref name="error"/>.
    /// </summary>
    /// <param name="request">The request that failed.</param>
    /// <param name="error">The exception.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask<bool> WriteFailureAsync(TRequest request, Exception error, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <summary>
    /// Carries out a <see cref="MocketFaultKind.Reset"/> fault on a protocol that can reset one exchange and keep the connection
    /// (HTTP/2's RST_STREAM): write the reset and return true. The default returns false: the whole connection is reset.
    /// </summary>
    /// <param name="request">The request whose answer is reset.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask<bool> WriteResetAsync(TRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    /// <summary>Answers malformed input before the connection closes (an HTTP 400, say). The default writes nothing.</summary>
    /// <param name="error">What was wrong.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask WriteRejectionAsync(MocketProtocolException error, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Writes what the session held back: replies coalesced for a pipeline, an interim response such as HTTP's
    /// <c>100 Continue</c>. The pump calls it when every whole request the client sent has been served and it is
    /// about to wait for more bytes, and before the connection ends (gracefully, rejected or failed). The
    /// default writes nothing.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask WritePendingAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Writes bytes Mocket did not compose (a replayed reply, a real server's reply) as they are.</summary>
    /// <param name="request">The request they answer.</param>
    /// <param name="bytes">The bytes.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual ValueTask WriteVerbatimAsync(TRequest request, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteAsync(bytes, cancellationToken);

    /// <summary>
    /// The bytes to send upstream for a passed-through request; the default is the request's own bytes. Must have
    /// no side effects: recording also calls it to find a request's recorded form.
    /// </summary>
    /// <param name="request">The request passed through.</param>
    protected virtual ReadOnlyMemory<byte> GetUpstreamRequest(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Data;
    }

    /// <summary>
    /// Opens the real connection used to pass <paramref name="request"/> through ("true socket") to its location
    /// (usually the connection's; a proxy-style seam may carry several locations on one connection). The default
    /// is plain TCP with NoDelay.
    /// </summary>
    /// <param name="request">The request about to be passed through.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    protected virtual async ValueTask<Stream> OpenUpstreamAsync(TRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(request.Host, request.Port, cancellationToken).ConfigureAwait(false);
            return client.GetStream();
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Cuts the real server's reply to <paramref name="request"/> from the front of <paramref name="buffer"/>;
    /// false when more bytes are needed. The default (raw framing) takes whatever has arrived.
    /// </summary>
    /// <param name="buffer">What the real server has sent so far.</param>
    /// <param name="upstreamCompleted">Whether the real server has closed its side.</param>
    /// <param name="request">The request being answered.</param>
    /// <param name="response">The reply's bytes.</param>
    protected virtual bool TryReadUpstreamResponse(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, TRequest request, out ReadOnlySequence<byte> response)
    {
        response = buffer;
        buffer = buffer.Slice(buffer.End);
        return !response.IsEmpty;
    }

    private protected sealed override ValueTask<Stream> AcceptTransportAsync(Stream transport, CancellationToken cancellationToken) =>
        AcceptAsync(transport, cancellationToken);

    internal sealed override bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
    {
        var read = TryReadRequest(ref buffer, out var typed);
        request = typed;
        return read;
    }

    internal sealed override bool HasBuiltInAnswerFor(MocketRequest request) => HasBuiltInAnswer((TRequest)request);

    internal sealed override ValueTask AnswerBuiltInAsync(MocketRequest request, CancellationToken cancellationToken) =>
        WriteBuiltInAnswerAsync((TRequest)request, cancellationToken);

    internal sealed override async ValueTask<bool> AnswerAsync(MocketEntry entry, MocketRequest request, CancellationToken cancellationToken)
    {
        var typed = (TRequest)request;
        MocketResponse answer;
        try
        {
            answer = entry.TakeAnswer(typed);
        }
#pragma warning disable CA1031 // An entry's computed answer that throws is the client's failure, as a fault response would be.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return await FailAsync(request, ex, cancellationToken).ConfigureAwait(false);
        }

        if (answer.Exception is { } fault)
        {
            return await FailAsync(request, fault, cancellationToken).ConfigureAwait(false);
        }

        if (answer is not TResponse response)
        {
            throw new InvalidOperationException(
                $"{entry} answered a request to {request.Location} with a {answer.GetType().Name}, but the connection speaks {Connection.Protocol.Name} " +
                $"and sends {typeof(TResponse).Name}s. Register entries of one protocol per location (raw MocketEntry, MockHttp or MockRedis).");
        }

        if (response.Fault is { } byteFault)
        {
            return await AnswerWithFaultAsync(typed, response, byteFault, cancellationToken).ConfigureAwait(false);
        }

        await WriteResponseAsync(typed, response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// What was held back goes out as it is; then the reply is composed whole and its bytes meet the fault. Apart from
    /// <see cref="AnswerAsync"/> so that the lambda's closure is allocated only for a faulted reply, not for every one.
    /// </summary>
    private async ValueTask<bool> AnswerWithFaultAsync(TRequest request, TResponse response, MocketFault fault, CancellationToken cancellationToken)
    {
        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        var reply = await CaptureAsync(async () =>
        {
            await WriteResponseAsync(request, response, cancellationToken).ConfigureAwait(false);
            await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return await SendFaultedAsync(fault, reply, request, cancellationToken).ConfigureAwait(false);
    }

    internal sealed override async ValueTask<bool> RefuseAsync(MocketRequest request, StrictMocketException violation, CancellationToken cancellationToken)
    {
        if (await WriteRefusalAsync((TRequest)request, violation, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        Abort(violation);
        return false;
    }

    internal sealed override async ValueTask<bool> FailAsync(MocketRequest request, Exception error, CancellationToken cancellationToken)
    {
        if (await WriteFailureAsync((TRequest)request, error, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        Abort(error);
        return false;
    }

    internal sealed override ValueTask<bool> ResetRequestAsync(MocketRequest request, CancellationToken cancellationToken) =>
        WriteResetAsync((TRequest)request, cancellationToken);

    internal sealed override async ValueTask RejectAsync(MocketProtocolException error, CancellationToken cancellationToken)
    {
        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        await WriteRejectionAsync(error, cancellationToken).ConfigureAwait(false);
    }

    internal sealed override ValueTask FlushPendingAsync(CancellationToken cancellationToken) => WritePendingAsync(cancellationToken);

    internal sealed override ValueTask RelayAsync(MocketRequest request, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteVerbatimAsync((TRequest)request, bytes, cancellationToken);

    internal sealed override ReadOnlyMemory<byte> UpstreamRequestOf(MocketRequest request) => GetUpstreamRequest((TRequest)request);

    internal sealed override ValueTask<Stream> OpenUpstreamFor(MocketRequest request, CancellationToken cancellationToken) =>
        OpenUpstreamAsync((TRequest)request, cancellationToken);

    internal sealed override bool TryReadUpstreamReply(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, MocketRequest request, out ReadOnlySequence<byte> reply) =>
        TryReadUpstreamResponse(ref buffer, upstreamCompleted, (TRequest)request, out reply);
}
