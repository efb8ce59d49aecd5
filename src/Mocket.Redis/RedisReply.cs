namespace MocketNet.Redis;

/// <summary>
/// A reply that is not a plain value: a status (<c>+OK</c>), an error (<c>-ERR ...</c>), a nil, or bytes
/// sent verbatim. Made by <see cref="MockRedis.Ok"/>, <see cref="MockRedis.Queued"/>,
/// <see cref="MockRedis.Error"/> and <see cref="MockRedis.Raw"/>.
/// </summary>
internal sealed class RedisReply
{
    private RedisReply(RedisReplyKind kind, string text, byte[]? bytes)
    {
        Kind = kind;
        Text = text;
        Bytes = bytes;
    }

    public static RedisReply Nil { get; } = new(RedisReplyKind.Nil, "nil", null);

    public RedisReplyKind Kind { get; }

    public string Text { get; }

    public byte[]? Bytes { get; }

    public static RedisReply Status(string text) => new(RedisReplyKind.Status, Validated(text), null);

    public static RedisReply Error(string text) => new(RedisReplyKind.Error, Validated(text), null);

    public static RedisReply Raw(byte[] bytes) => new(RedisReplyKind.Raw, $"{bytes.Length} raw bytes", bytes);

    public override string ToString() => Kind switch
    {
        RedisReplyKind.Status => "+" + Text,
        RedisReplyKind.Error => "-" + Text,
        _ => Text,
    };

    private static string Validated(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException(
                $"A Redis status or error reply is one line, but \"{text.ReplaceLineEndings(" ")}\" contains CR or LF. " +
                "Remove the line break, or answer with a plain string (a bulk string) instead.", nameof(text));
        }

        return text;
    }
}
