namespace MocketNet.Redis.Codec;

/// <summary>
/// Why bytes are not RESP: the reason a <see cref="RespFormatException"/> carries. A client whose command is
/// rejected for any of these is answered <c>-ERR Protocol error: ...</c> and its connection closed, as
/// redis-server does.
/// </summary>
public enum RespFormatError
{
    /// <summary>A value starts with a byte that is no RESP type prefix.</summary>
    UnknownType = 1,

    /// <summary>A length or count line is not a decimal integer.</summary>
    InvalidNumber,

    /// <summary>A bulk length, an aggregate count or a command's argument count is out of range.</summary>
    LengthOutOfRange,

    /// <summary>A bulk string's bytes are not followed by CRLF (it is longer than its length says).</summary>
    UnterminatedBulk,

    /// <summary>A line ends in a bare LF; RESP lines end in CRLF.</summary>
    BareLineFeed,

    /// <summary>A line holds a bare CR; RESP lines cannot hold CR or LF.</summary>
    BareCarriageReturn,

    /// <summary>A line (a length, a simple string, an inline command) is longer than its limit without a line end.</summary>
    LineTooLong,

    /// <summary>An integer, double, boolean, null or big number is not well formed.</summary>
    InvalidScalar,

    /// <summary>A verbatim string does not start with a three-letter format and a colon.</summary>
    InvalidVerbatim,

    /// <summary>A command's argument is not a bulk string (<c>$</c>).</summary>
    ExpectedBulkString,

    /// <summary>An inline command has unbalanced quotes.</summary>
    UnbalancedQuotes,

    /// <summary>The client started a TLS handshake where RESP was expected.</summary>
    TlsHandshake,

    /// <summary>An HTTP CONNECT request (a tunnel) has no blank line within its limit.</summary>
    InvalidTunnelRequest,

    /// <summary>Complete input ends inside a value.</summary>
    Truncated,

    /// <summary>Aggregates nest deeper than 512 levels (nothing Redis sends does; values are built recursively).</summary>
    TooDeep,
}
