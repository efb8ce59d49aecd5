using System.Globalization;
using MocketNet.Http.Protocol;

namespace MocketNet.Http;

/// <summary>
/// Bytes that are not HTTP/1.1, or a request over one of the <see cref="HttpMockLimits"/>, with the <see cref="Reason"/>.
/// Such a request is answered with <see cref="Status"/>, its connection closed, and the exception kept in
/// <see cref="MocketScope.Errors"/>; a real server's malformed reply (pass-through) fails the request it answers.
/// </summary>
#pragma warning disable CA1032 // Made only by Mocket's HTTP reader, always with a reason: constructors without one would make a reason-less rejection.
public sealed class HttpFormatException : MocketProtocolException
#pragma warning restore CA1032
{
    private HttpFormatException(HttpFormatError reason, int status, string message)
        : base(message)
    {
        Reason = reason;
        Status = status;
    }

    /// <summary>Why the bytes were rejected.</summary>
    public HttpFormatError Reason { get; }

    /// <summary>The status the fake server answered with: 400, or 414, 431 and 413 for the limits, as Kestrel answers.</summary>
    public int Status { get; }

    /// <summary>A malformed request; <paramref name="detail"/> is the offending text (or what it is, for a line too long).</summary>
    internal static HttpFormatException InRequest(HttpFormatError reason, string? detail = null)
    {
        var status = StatusFor(reason);
        if (Http2.Http2Errors.Of(reason) is { } code)
        {
            return new(
                reason, status,
                $"Mocket received a malformed HTTP/2 connection: {detail}. The fake sent GOAWAY ({code.Name}) and closed the connection; " +
                "check the client (or the bytes written to Mocket.Connect) speaks HTTP/2 as RFC 9113 and RFC 7541 say.");
        }

        var answered = $"The fake answered {status.ToString(CultureInfo.InvariantCulture)} {ReasonPhrases.For(status)} and closed the connection";
        return new(
            reason, status,
            status == 400
                ? $"Mocket received a malformed HTTP request: {Describe(reason, detail)}. {answered}; check the client (or the bytes written to Mocket.Connect) sends HTTP/1.1."
                : $"Mocket received an HTTP request over a limit: {Describe(reason, detail)}. {answered}; if the client means it, raise the limit " +
                  $"for the scope with MockHttp.SetLimits(new HttpMockLimits {{ {LimitName(reason)} = ... }}) before it connects.");
    }

    /// <summary>A request over a limit: <paramref name="limit"/> is the limit's value.</summary>
    internal static HttpFormatException OverLimit(HttpFormatError reason, long limit) => InRequest(reason, limit.ToString(CultureInfo.InvariantCulture));

    /// <summary>A malformed reply from a real server (pass-through or a recording).</summary>
    internal static HttpFormatException InResponse(HttpFormatError reason, string? detail = null) => new(
        reason, 0, $"The HTTP response is malformed: {Describe(reason, detail)}.");

    internal static HttpFormatException In(bool response, HttpFormatError reason, string? detail = null) =>
        response ? InResponse(reason, detail) : InRequest(reason, detail);

    private static int StatusFor(HttpFormatError reason) => reason switch
    {
        HttpFormatError.RequestLineTooLong => 414,
        HttpFormatError.TooManyHeaders or HttpFormatError.HeadersTooLarge => 431,
        HttpFormatError.BodyTooLarge => 413,
        _ => 400,
    };

    private static string LimitName(HttpFormatError reason) => reason switch
    {
        HttpFormatError.RequestLineTooLong => nameof(HttpMockLimits.MaxRequestLineLength),
        HttpFormatError.TooManyHeaders => nameof(HttpMockLimits.MaxHeaderCount),
        HttpFormatError.HeadersTooLarge => nameof(HttpMockLimits.MaxHeadersLength),
        _ => nameof(HttpMockLimits.MaxBodyLength),
    };

    /// <summary>What is wrong, in words: every message is made here, from the reason and the offending text (or the limit).</summary>
    private static string Describe(HttpFormatError reason, string? detail)
    {
        var shown = Printable(detail ?? string.Empty);
        return reason switch
        {
            HttpFormatError.RequestLineTooLong => $"its request line is longer than {detail} bytes (HttpMockLimits.MaxRequestLineLength)",
            HttpFormatError.TooManyHeaders => $"it has more than {detail} header fields (HttpMockLimits.MaxHeaderCount)",
            HttpFormatError.HeadersTooLarge => $"its header fields are longer than {detail} bytes (HttpMockLimits.MaxHeadersLength)",
            HttpFormatError.BodyTooLarge => $"its body is larger than {detail} bytes (HttpMockLimits.MaxBodyLength)",
            HttpFormatError.BareLineFeed => $"the line \"{shown}\" ends in a bare LF, where HTTP/1.1 lines end in CRLF",
            HttpFormatError.InvalidRequestLine => $"\"{shown}\" is not a request line (METHOD SP target SP HTTP/1.1)",
            HttpFormatError.InvalidMethod => $"the method \"{shown}\" holds a character that is not allowed in a method name",
            HttpFormatError.UnsupportedVersion =>
                $"the version \"{shown}\" is not HTTP/1.1 or HTTP/1.0 (an HTTP/2 client starts with the connection preface instead)",
            HttpFormatError.InvalidTarget => $"the request target \"{shown}\" holds a space, control or non-ASCII character",
            HttpFormatError.UnsupportedTargetForm => $"the request target \"{shown}\" is neither a path nor an absolute http:// URL",
            HttpFormatError.MissingSeamOrigin =>
                $"the global seam's fake received the target \"{shown}\", which does not carry an original location",
            HttpFormatError.InvalidHeaderLine => $"the header line \"{shown}\" has no field name followed by ':'",
            HttpFormatError.InvalidHeaderName =>
                $"the header field name \"{shown}\" holds a character that is not allowed (white space before ':' is not allowed either)",
            HttpFormatError.InvalidHeaderValue => $"the header field \"{shown}\" holds a control character in its value (NUL, CR or LF)",
            HttpFormatError.ConflictingContentLength => "it has two different Content-Length fields",
            HttpFormatError.InvalidContentLength => $"the Content-Length \"{shown}\" is not a non-negative integer",
            HttpFormatError.TransferEncodingWithContentLength => "it has both Transfer-Encoding and Content-Length (a request smuggling pattern)",
            HttpFormatError.UnsupportedTransferEncoding =>
                $"the Transfer-Encoding \"{shown}\" does not end in chunked, so the body's end cannot be known",
            HttpFormatError.InvalidChunkSize => $"\"{shown}\" is not a chunk size (hexadecimal digits, optionally followed by ;extensions)",
            HttpFormatError.UnterminatedChunk => "a chunk's data is not followed by CRLF (the chunk is longer than its size says)",
            HttpFormatError.LineTooLong => $"{detail} without a CRLF",
            _ => reason.ToString(),
        };
    }

    /// <summary>At most 100 characters of <paramref name="text"/>, control characters shown as dots.</summary>
    private static string Printable(string text)
    {
        var shown = text.Length > 100 ? text[..100] + "…" : text;
        return string.Create(shown.Length, shown, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '.' : s[i];
            }
        });
    }
}
