using MocketNet.Protocols;

namespace MocketNet.Http.Recording;

/// <summary>
/// How HTTP exchanges are recorded: requests in origin-form with Host first and a de-chunked body, secrets
/// redacted in requests and replies, volatile headers ignored when matching, and a readable, decompressed
/// text of each reply.
/// </summary>
internal sealed class HttpRecordingRules : MocketRecordingRules
{
    private HttpRecordingRules()
    {
    }

    public static HttpRecordingRules Instance { get; } = new();

    public override ReadOnlyMemory<byte> RecordedRequest(ReadOnlyMemory<byte> request, MocketRedaction redaction) =>
        RecordedHttpRequest.Canonical(request, redaction);

    public override ReadOnlyMemory<byte> RecordedResponse(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction) =>
        RecordedHttpResponse.Redact(request, response, redaction);

    public override ReadOnlyMemory<byte> Normalize(ReadOnlyMemory<byte> request) => RecordedHttpRequest.Normalize(request);

    public override string? Describe(ReadOnlyMemory<byte> response) =>
        RecordedHttpResponse.Describe(response, static bytes => PrintableText(bytes.Span));
}
