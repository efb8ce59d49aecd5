namespace MocketNet.Protocols;

/// <summary>
/// How a protocol's exchanges are stored in a recording and found again: the canonical, redacted form of a
/// request and of a reply, the volatile parts ignored when matching, and a readable text of a reply. Every
/// method must accept any bytes (return them unchanged when they do not parse) and be idempotent. The
/// default (<see cref="Verbatim"/>) changes nothing.
/// </summary>
public class MocketRecordingRules
{
    /// <summary>Creates rules that change nothing; packs derive and override what their protocol needs.</summary>
    protected MocketRecordingRules()
    {
    }

    /// <summary>Rules that store bytes as they are.</summary>
    public static MocketRecordingRules Verbatim { get; } = new();

    /// <summary>
    /// The bytes of a request as a recording stores them. Core passes what was (or would be) sent to the real
    /// server for a live request, and the stored bytes of a recorded one (a file may come from elsewhere,
    /// unredacted): return them in a canonical form (one a client would send straight to the origin) with the
    /// scope's <paramref name="redaction"/> fields and the protocol's own secrets replaced by
    /// <see cref="MocketRedaction.Placeholder"/>.
    /// </summary>
    /// <param name="request">A request's bytes, live or recorded.</param>
    /// <param name="redaction">What the scope asked to redact.</param>
    public virtual ReadOnlyMemory<byte> RecordedRequest(ReadOnlyMemory<byte> request, MocketRedaction redaction) => request;

    /// <summary>
    /// The bytes of a real server's reply as a recording stores (and later replays) them, secrets redacted.
    /// The client of the recording run still gets the real reply.
    /// </summary>
    /// <param name="request">The request answered, as recorded (<see cref="RecordedRequest"/>).</param>
    /// <param name="response">The reply's exact bytes.</param>
    /// <param name="redaction">What the scope asked to redact.</param>
    public virtual ReadOnlyMemory<byte> RecordedResponse(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction) => response;

    /// <summary>
    /// The form of a (redacted) request compared when looking it up: volatile parts that change from run to run
    /// (dates, client versions, trace ids, random tokens) removed or made constant. Two requests match a recorded
    /// exchange when their normalised forms have the same signature.
    /// </summary>
    /// <param name="request">A redacted request, live or recorded.</param>
    public virtual ReadOnlyMemory<byte> Normalize(ReadOnlyMemory<byte> request) => request;

    /// <summary>
    /// A human-readable text of a recorded reply, stored next to its hex as <c>response_text</c> (the hex stays
    /// authoritative), or null for none. The default is the whole reply when it is printable UTF-8.
    /// </summary>
    /// <param name="response">The reply as recorded.</param>
    public virtual string? Describe(ReadOnlyMemory<byte> response) => PrintableText(response.Span);

    /// <summary>The bytes as text when they are valid UTF-8 with no control characters other than tab, CR and LF; else null.</summary>
    /// <param name="bytes">The bytes.</param>
    protected static string? PrintableText(ReadOnlySpan<byte> bytes) => Recording.RecordingText.Printable(bytes);
}
