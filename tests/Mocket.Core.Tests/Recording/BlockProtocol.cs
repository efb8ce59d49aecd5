using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Tests.Recording;

/// <summary>
/// A test protocol implementing the recording hooks the way a pack does: a request is a block of lines
/// ending with an empty line ("VERB\r\nName: value\r\n\r\n"). Its own secret is the Authorization field;
/// the scope's <see cref="MocketOptions.RedactedFields"/> are redacted too, in requests and replies; a Date
/// field and a Nonce field are volatile and ignored when matching; the verb is sent upstream upper-cased.
/// </summary>
public sealed class BlockProtocol : MocketProtocol<MocketRequest, RawResponse>
{
    private static readonly byte[] End = "\r\n\r\n"u8.ToArray();

    public static BlockProtocol Instance { get; } = new();

    public override string Name => "block";

    public override MocketRecordingRules RecordingRules { get; } = new Rules();

    public override MocketProtocolSession<MocketRequest, RawResponse> CreateSession(MocketConnectionInfo connection) => new Session(connection);

    private static bool TryCut(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> block)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> _, End))
        {
            block = default;
            return false;
        }

        block = buffer.Slice(0, reader.Position);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    /// <summary>Applies <paramref name="rewrite"/> to every "Name: value" line; a null result drops the line.</summary>
    private static ReadOnlyMemory<byte> RewriteFields(ReadOnlyMemory<byte> bytes, Func<string, string, string?> rewrite)
    {
        var lines = Encoding.UTF8.GetString(bytes.Span).Split("\r\n");
        var kept = new List<string>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                kept.Add(line);
                continue;
            }

            var name = line[..colon];
            var value = rewrite(name.TrimStart(), line[(colon + 2)..]);
            if (value is not null)
            {
                kept.Add($"{name}: {value}");
            }
        }

        return Encoding.UTF8.GetBytes(string.Join("\r\n", kept));
    }

    private sealed class Session(MocketConnectionInfo connection) : MocketProtocolSession<MocketRequest, RawResponse>(connection)
    {
        protected override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
        {
            request = TryCut(ref buffer, out var block) ? new MocketRequest(Connection.Location, block.ToArray()) : null;
            return request is not null;
        }

        protected override ValueTask WriteResponseAsync(MocketRequest request, RawResponse response, CancellationToken cancellationToken) =>
            WriteAsync(response.Data, cancellationToken);

        protected override bool TryReadUpstreamResponse(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, MocketRequest request, out ReadOnlySequence<byte> response) =>
            TryCut(ref buffer, out response);

        /// <summary>The verb is sent upper-cased (so the recorded form is canonical).</summary>
        protected override ReadOnlyMemory<byte> GetUpstreamRequest(MocketRequest request)
        {
            var text = Encoding.UTF8.GetString(request.Data.Span);
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? request.Data : Encoding.UTF8.GetBytes(text[..space].ToUpperInvariant() + text[space..]);
        }
    }

    private sealed class Rules : MocketRecordingRules
    {
        public override ReadOnlyMemory<byte> RecordedRequest(ReadOnlyMemory<byte> request, MocketRedaction redaction) =>
            Redact(request, redaction);

        public override ReadOnlyMemory<byte> RecordedResponse(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction) =>
            Redact(response, redaction);

        public override ReadOnlyMemory<byte> Normalize(ReadOnlyMemory<byte> request) =>
            RewriteFields(request, (name, value) => name switch
            {
                "Date" => "*",
                "Nonce" => null,
                _ => value,
            });

        private static ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> bytes, MocketRedaction redaction) =>
            RewriteFields(bytes, (name, value) =>
                name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || redaction.IsRedacted(name) ? MocketRedaction.Placeholder : value);
    }
}
