using MocketNet.Protocols;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Recording;

/// <summary>How Redis exchanges are recorded: canonical form, redaction and normalisation of commands and replies, and a redis-cli-like text of replies.</summary>
internal sealed class RedisRecordingRules : MocketRecordingRules
{
    private RedisRecordingRules()
    {
    }

    public static RedisRecordingRules Instance { get; } = new();

    /// <summary>Every command canonical (a RESP array, verb upper-cased) with its secrets redacted; unparseable bytes unchanged.</summary>
    public override ReadOnlyMemory<byte> RecordedRequest(ReadOnlyMemory<byte> request, MocketRedaction redaction) =>
        RecordedCommands.Rewrite(request, command => RecordedRedaction.Request(command, redaction));

    /// <summary>Every command canonical with its volatile parts constant (and credentials dropped).</summary>
    public override ReadOnlyMemory<byte> Normalize(ReadOnlyMemory<byte> request) =>
        RecordedCommands.Rewrite(request, RecordedNormalization.Normalize);

    /// <summary>The reply with what it reveals of a secret redacted (the request's last command is the one answered).</summary>
    public override ReadOnlyMemory<byte> RecordedResponse(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction)
    {
        if (!RecordedCommands.TryParse(request, out var commands))
        {
            return response;
        }

        IReadOnlyList<RespValue> values;
        try
        {
            values = RespValueReader.ReadAll(response);
        }
        catch (RespFormatException)
        {
            return response;
        }

        return values.Count == 1 && RecordedReplyRedaction.Redact(commands[^1], values[0], redaction) is { } redacted
            ? RespValueWriter.ToArray([redacted])
            : response;
    }

    public override string? Describe(ReadOnlyMemory<byte> response) => RecordedReplyText.Describe(response) ?? base.Describe(response);
}
