namespace MocketNet.Redis;

/// <summary>What a <see cref="RedisReply"/> is.</summary>
internal enum RedisReplyKind
{
    /// <summary>A simple string such as <c>+OK</c>.</summary>
    Status,

    /// <summary>A simple error such as <c>-ERR wrong type</c>.</summary>
    Error,

    /// <summary>The null reply (<c>$-1</c>, or <c>_</c> in RESP3).</summary>
    Nil,

    /// <summary>Bytes written verbatim.</summary>
    Raw,
}
