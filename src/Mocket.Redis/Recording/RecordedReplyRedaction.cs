using MocketNet.Protocols;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Recording;

/// <summary>
/// Replaces secrets in a recorded reply: the values of <c>CONFIG GET requirepass/masterauth</c>, and, for the
/// names a scope lists, what GET/GETDEL/GETEX/GETSET/MGET read from a string key of that name and what
/// HGET/HMGET/HGETALL/HVALS read from a hash field of that name (or from a hash of that name).
/// </summary>
internal static class RecordedReplyRedaction
{
    /// <summary>The reply with its secrets replaced; null when nothing in it is secret.</summary>
    public static RespValue? Redact(RecordedCommand command, RespValue reply, MocketRedaction redaction)
    {
        var args = command.Arguments;
        bool Named(int i) => i < args.Length && RecordedRedaction.IsNamed(redaction, args[i]);
        return command.Verb switch
        {
            "CONFIG" when command.ArgumentIs(0, "GET") => Pairs(reply, RecordedRedaction.IsSecretSetting),
            "GET" or "GETDEL" or "GETEX" or "GETSET" when Named(0) => Hide(reply),
            "HGET" when Named(0) || Named(1) => Hide(reply),
            "HVALS" when Named(0) => Items(reply, _ => true),
            "MGET" => Items(reply, Named),
            "HMGET" => Items(reply, i => Named(0) || Named(i + 1)),
            "HGETALL" when Named(0) => Pairs(reply, _ => true),
            "HGETALL" => Pairs(reply, field => RecordedRedaction.IsNamed(redaction, field)),
            _ => null,
        };
    }

    /// <summary>A bulk string replaced by the placeholder; nulls and other types kept.</summary>
    private static RespValue Hide(RespValue value) =>
        value is { Type: RespType.BulkString or RespType.VerbatimString, IsNull: false }
            ? new RespValue(RespType.BulkString, RecordedRedaction.Placeholder, null, isNull: false) { Attributes = value.Attributes }
            : value;

    private static RespValue? Items(RespValue reply, Func<int, bool> secret)
    {
        if (!reply.IsAggregate || reply.IsNull)
        {
            return null;
        }

        var items = reply.Items.Select((item, i) => secret(i) ? Hide(item) : item).ToArray();
        return Rebuild(reply, items);
    }

    /// <summary>A map, or a flat array of name, value: the values whose name is secret hidden.</summary>
    private static RespValue? Pairs(RespValue reply, Func<byte[], bool> secret)
    {
        if (!reply.IsAggregate || reply.IsNull)
        {
            return null;
        }

        var items = reply.Items.ToArray();
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            if (secret(items[i].Bytes.ToArray()))
            {
                items[i + 1] = Hide(items[i + 1]);
            }
        }

        return Rebuild(reply, items);
    }

    private static RespValue Rebuild(RespValue reply, RespValue[] items) =>
        new(reply.Type, default, items, isNull: false) { Attributes = reply.Attributes, Format = reply.Format };
}
