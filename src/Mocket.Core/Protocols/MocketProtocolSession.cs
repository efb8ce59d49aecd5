using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;

namespace MocketNet.Protocols;

/// <summary>
/// Serves one client connection for a protocol. Core's pump reads the client's bytes, asks
/// <see cref="TryReadRequest"/> to cut requests from them, matches each against the scope's entries,
/// logs it, and asks <see cref="WriteResponseAsync"/> to answer; unmatched requests are refused (strict)
/// or passed to the real server. Sessions are used by one pump at a time and need no locking.
/// </summary>
public abstract class MocketProtocolSession
{
    /// <summary>Creates a session for a connection.</summary>
    /// <param name="connection">The connection served.</param>
    protected MocketProtocolSession(MocketConnectionInfo connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
    }

    /// <summary>The connection served.</summary>
    public MocketConnectionInfo Connection { get; }

    /// <summary>
    /// Set by a session when the response it just wrote ends the connection (such as HTTP's
    /// <c>Connection: close</c>); the pump then closes the connection gracefully instead of reading on.
    /// </summary>
    public bool CloseRequested { get; protected set; }

    /// <summary>
    /// Prepares the transport before any request is read, for example by terminating TLS. The default
    /// returns it unchanged.
    /// </summary>
    /// <param name="transport">The server side of the client's connection.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    public virtual ValueTask<Stream> AcceptAsync(Stream transport, CancellationToken cancellationToken) =>
        ValueTask.FromResult(transport);

    /// <summary>
    /// Cuts one request from the front of <paramref name="buffer"/>. On success, slice the consumed
    /// bytes off <paramref name="buffer"/> and return true; when the bytes end before a whole request,
    /// consume nothing and return false. Throw <see cref="MocketProtocolException"/> for malformed input.
    /// </summary>
    /// <param name="buffer">The client's unconsumed bytes. For raw framing it holds exactly one client write.</param>
    /// <param name="request">The request cut, whose <see cref="MocketRequest.Data"/> are its exact bytes.</param>
    public abstract bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request);

    /// <summary>Writes a response (one an entry returned, or a built-in one) for a request.</summary>
    /// <param name="output">The client's side to write to.</param>
    /// <param name="request">The request answered.</param>
    /// <param name="response">The response object; never an Exception (Core turns those into faults).</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    public abstract ValueTask WriteResponseAsync(Stream output, MocketRequest request, object response, CancellationToken cancellationToken);

    /// <summary>
    /// A response the protocol gives by itself to a request no entry handles (such as a client's
    /// handshake). Built-in answers are not logged and are never strict-mode violations.
    /// </summary>
    /// <param name="request">A request no entry handled.</param>
    /// <param name="response">The response to write.</param>
    public virtual bool TryGetBuiltInResponse(MocketRequest request, [NotNullWhen(true)] out object? response)
    {
        response = null;
        return false;
    }

    /// <summary>
    /// How a strict scope refuses an unmatched request: a response to write (such as a protocol error
    /// reply), or false to fail the client's connection with <paramref name="violation"/> (the default).
    /// </summary>
    /// <param name="request">The unmatched request.</param>
    /// <param name="violation">The strict-mode exception describing it.</param>
    /// <param name="response">The refusal to write.</param>
    public virtual bool TryGetRefusal(MocketRequest request, StrictMocketException violation, [NotNullWhen(true)] out object? response)
    {
        response = null;
        return false;
    }

    /// <summary>
    /// How an entry's Exception response, or an error Mocket raises for a request (a miss of a replay-only
    /// recording, a failed pass-through), reaches the client: a response to write instead (for a seam
    /// whose transport cannot carry an exception, such as a real loopback socket, and whose client side
    /// raises it), or false to fail the client's connection with <paramref name="fault"/> (the default).
    /// </summary>
    /// <param name="request">The request answered.</param>
    /// <param name="fault">The exception the entry answered with, or Mocket's error.</param>
    /// <param name="response">The response to write instead.</param>
    public virtual bool TryGetFaultResponse(MocketRequest request, Exception fault, [NotNullWhen(true)] out object? response)
    {
        response = null;
        return false;
    }

    /// <summary>Answers a malformed request before the connection closes (an HTTP 400, say). The default writes nothing.</summary>
    /// <param name="output">The client's side to write to.</param>
    /// <param name="error">What was wrong.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    public virtual ValueTask WriteProtocolErrorAsync(Stream output, MocketProtocolException error, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <summary>
    /// Opens the real connection used for pass-through ("true socket") to a request's location (usually
    /// the connection's; a proxy-style seam may carry several locations on one connection). The default
    /// is plain TCP with NoDelay.
    /// </summary>
    /// <param name="location">Where the request was going.</param>
    /// <param name="cancellationToken">Cancelled when the scope closes.</param>
    public virtual async ValueTask<Stream> OpenUpstreamAsync(MocketLocation location, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(location.Host, location.Port, cancellationToken).ConfigureAwait(false);
            return client.GetStream();
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The bytes to send upstream for a passed-through request. The default is the request's own bytes.
    /// Must have no side effects: recording also calls it to find a request's recorded form.
    /// </summary>
    /// <param name="request">The request passed through.</param>
    public virtual ReadOnlyMemory<byte> GetUpstreamRequest(MocketRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Data;
    }

    /// <summary>
    /// Cuts the real server's reply to <paramref name="request"/> from the front of <paramref name="buffer"/>;
    /// false when more bytes are needed. The default (raw framing) takes whatever has arrived.
    /// </summary>
    /// <param name="buffer">What the real server has sent so far.</param>
    /// <param name="upstreamCompleted">Whether the real server has closed its side.</param>
    /// <param name="request">The request being answered.</param>
    /// <param name="response">The reply's bytes.</param>
    public virtual bool TryReadUpstreamResponse(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, MocketRequest request, out ReadOnlySequence<byte> response)
    {
        response = buffer;
        buffer = buffer.Slice(buffer.End);
        return !response.IsEmpty;
    }

    /// <summary>
    /// The bytes of a request as a recording stores them. Core passes the bytes sent to the real server
    /// (<see cref="GetUpstreamRequest"/>) of a live request, and the stored bytes of a recorded one (a file
    /// may come from elsewhere, unredacted): return them in a canonical form (one a client would send straight
    /// to the origin) with the scope's <paramref name="redaction"/> fields and the protocol's own secrets
    /// replaced by <see cref="MocketRedaction.Placeholder"/>. Must be idempotent and accept any bytes (return
    /// them unchanged when they do not parse). The default changes nothing.
    /// </summary>
    /// <param name="request">A request's bytes, live or recorded.</param>
    /// <param name="redaction">What the scope asked to redact.</param>
    public virtual ReadOnlyMemory<byte> GetRecordedRequest(ReadOnlyMemory<byte> request, MocketRedaction redaction) => request;

    /// <summary>
    /// The bytes of a real server's reply as a recording stores (and later replays) them, secrets redacted.
    /// The client of the recording run still gets the real reply. The default changes nothing.
    /// </summary>
    /// <param name="request">The request answered, as recorded (<see cref="GetRecordedRequest"/>).</param>
    /// <param name="response">The reply's exact bytes.</param>
    /// <param name="redaction">What the scope asked to redact.</param>
    public virtual ReadOnlyMemory<byte> GetRecordedResponse(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction) => response;

    /// <summary>
    /// The form of a (redacted) request compared when looking it up in a recording: volatile parts that
    /// change from run to run (dates, client versions, trace ids, random tokens) removed or replaced by a
    /// constant. Two requests match a recorded exchange when their normalised forms have the same
    /// signature. Must accept any bytes. The default changes nothing.
    /// </summary>
    /// <param name="request">A redacted request, live or recorded.</param>
    public virtual ReadOnlyMemory<byte> NormalizeRecordedRequest(ReadOnlyMemory<byte> request) => request;

    /// <summary>
    /// A human-readable text of a recorded reply, stored next to its hex as <c>response_text</c> (the hex
    /// stays authoritative), or null for none. The default is the whole reply when it is printable UTF-8.
    /// </summary>
    /// <param name="response">The reply as recorded.</param>
    public virtual string? DescribeRecordedResponse(ReadOnlyMemory<byte> response) => PrintableText(response.Span);

    /// <summary>The bytes as text when they are valid UTF-8 with no control characters other than tab, CR and LF; else null.</summary>
    /// <param name="bytes">The bytes.</param>
    protected static string? PrintableText(ReadOnlySpan<byte> bytes) => Recording.RecordingText.Printable(bytes);
}
