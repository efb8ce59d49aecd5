using MocketNet.Protocols;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Recording;

/// <summary>The Redis pack's recording hooks: canonical form, redaction and normalisation of commands and replies.</summary>
internal static class RedisRecording
{
    /// <summary>Every command canonical (a RESP array, verb upper-cased) with its secrets redacted; unparseable bytes unchanged.</summary>
    public static ReadOnlyMemory<byte> Request(ReadOnlyMemory<byte> request, MocketRedaction redaction) =>
        RecordedCommands.Rewrite(request, command => RecordedRedaction.Request(command, redaction));

    /// <summary>Every command canonical with its volatile parts constant (and credentials dropped).</summary>
    public static ReadOnlyMemory<byte> Normalize(ReadOnlyMemory<byte> request) =>
        RecordedCommands.Rewrite(request, RecordedNormalization.Normalize);

    /// <summary>The reply with what it reveals of a secret redacted (the request's last command is the one answered).</summary>
    public static ReadOnlyMemory<byte> Response(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction)
    {
        if (!RecordedCommands.TryParse(request, out var commands))
        {
            return response;
        }

        IReadOnlyList<RespValue> values;
        try
        {
            values = RespReader.ReadAll(response);
        }
        catch (RespFormatException)
        {
            return response;
        }

        return values.Count == 1 && RecordedReplyRedaction.Redact(commands[^1], values[0], redaction) is { } redacted
            ? RespValueWriter.ToArray([redacted])
            : response;
    }
}
