using System.Globalization;

namespace MocketNet.Redis.Codec;

/// <summary>
/// Bytes that are not RESP, with the <see cref="Reason"/> and the <see cref="Offset"/> where it was found. The
/// connection that sent them is answered <c>-ERR Protocol error: ...</c> and closed.
/// </summary>
#pragma warning disable CA1032 // Made only by Mocket's RESP readers, always with a reason: constructors without one would make a reason-less rejection.
public sealed class RespFormatException : MocketProtocolException
#pragma warning restore CA1032
{
    private RespFormatException(RespFormatError reason, string message, long offset)
        : base(message)
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Why the bytes are not RESP.</summary>
    public RespFormatError Reason { get; }

    /// <summary>How far into the input the problem was found, in bytes.</summary>
    public long Offset { get; }

    /// <summary>The rejection for <paramref name="reason"/>; every message is made here, from the reason and what was found.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="offset">Where, in bytes from the start of the input.</param>
    /// <param name="detail">What was found or expected (see each reason's wording below).</param>
    internal static RespFormatException Create(RespFormatError reason, long offset, string? detail = null) => new(
        reason, $"Protocol error: {Describe(reason, detail)} (at byte {offset.ToString(CultureInfo.InvariantCulture)}).", offset);

    private static string Describe(RespFormatError reason, string? detail) => reason switch
    {
        RespFormatError.UnknownType => $"unknown RESP type prefix {detail}; expected one of + - : $ * _ # , ( ! = % ~ > |",
        RespFormatError.InvalidNumber => $"{detail} is not a decimal integer",
        RespFormatError.LengthOutOfRange => $"{detail} is out of range",
        RespFormatError.UnterminatedBulk => $"{detail} is not followed by CRLF",
        RespFormatError.BareLineFeed => $"{detail} ends with a bare LF; RESP lines end with CRLF",
        RespFormatError.BareCarriageReturn => $"{detail} contains a bare CR; RESP lines cannot hold CR or LF",
        RespFormatError.LineTooLong => $"{detail} without a CRLF",
        RespFormatError.InvalidScalar => $"a {detail} value is not well formed",
        RespFormatError.InvalidVerbatim => "a verbatim string does not start with a three-letter format and a colon",
        RespFormatError.ExpectedBulkString => $"expected '$' before {detail}",
        RespFormatError.UnbalancedQuotes => $"unbalanced quotes in an inline command ({detail})",
        RespFormatError.TlsHandshake =>
            "the client started a TLS handshake (ssl=true in a StackExchange.Redis configuration?). Mocket serves Redis " +
            "unencrypted: remove ssl=true for the test, or use StackExchange.Redis 3.4, whose in-memory transport serves ssl=true configurations",
        RespFormatError.InvalidTunnelRequest =>
            "an HTTP CONNECT request has no blank line in its first 8 KiB; a tunnel sends CONNECT host:port HTTP/1.1 and a blank line",
        RespFormatError.Truncated => "the input ends inside a value",
        RespFormatError.TooDeep => $"aggregates nest deeper than {detail} levels",
        _ => detail ?? reason.ToString(),
    };
}
