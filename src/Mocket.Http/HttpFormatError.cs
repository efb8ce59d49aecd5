namespace MocketNet.Http;

/// <summary>
/// Why bytes are not HTTP: the reason an <see cref="HttpFormatException"/> carries. An HTTP/1.1 request rejected for
/// any of these is answered <c>400 Bad Request</c> (or the status a limit names) and its connection closed; an HTTP/2
/// connection gets GOAWAY with the matching error code.
/// </summary>
public enum HttpFormatError
{
    /// <summary>The request line is longer than <see cref="HttpMockLimits.MaxRequestLineLength"/> (answered 414).</summary>
    RequestLineTooLong = 1,

    /// <summary>The request has more header fields than <see cref="HttpMockLimits.MaxHeaderCount"/> (answered 431).</summary>
    TooManyHeaders,

    /// <summary>The header fields are longer than <see cref="HttpMockLimits.MaxHeadersLength"/> (answered 431).</summary>
    HeadersTooLarge,

    /// <summary>The body is larger than <see cref="HttpMockLimits.MaxBodyLength"/> (answered 413).</summary>
    BodyTooLarge,

    /// <summary>A line ends in a bare LF; HTTP/1.1 lines end in CRLF (RFC 9112 §2.2: Mocket rejects at once rather than guess).</summary>
    BareLineFeed,

    /// <summary>The request line is not <c>METHOD SP target SP version</c>.</summary>
    InvalidRequestLine,

    /// <summary>The method holds a character that is not a token character.</summary>
    InvalidMethod,

    /// <summary>The version is not HTTP/1.1 or HTTP/1.0.</summary>
    UnsupportedVersion,

    /// <summary>The request target holds a space, a control or a non-ASCII character.</summary>
    InvalidTarget,

    /// <summary>The request target is neither a path nor an absolute http(s) URL.</summary>
    UnsupportedTargetForm,

    /// <summary>A request reached the global seam's fake server without the original location its target should carry.</summary>
    MissingSeamOrigin,

    /// <summary>A header line has no field name followed by <c>:</c>.</summary>
    InvalidHeaderLine,

    /// <summary>A field name holds a character that is not a token character (white space before <c>:</c> included).</summary>
    InvalidHeaderName,

    /// <summary>A field value holds a control character (NUL, a bare CR or LF, or another CTL but HTAB).</summary>
    InvalidHeaderValue,

    /// <summary>The message has two Content-Length fields that differ.</summary>
    ConflictingContentLength,

    /// <summary>A Content-Length is not a non-negative integer.</summary>
    InvalidContentLength,

    /// <summary>The message has both Transfer-Encoding and Content-Length (a request smuggling pattern).</summary>
    TransferEncodingWithContentLength,

    /// <summary>The Transfer-Encoding does not end in chunked, so the body's end cannot be known.</summary>
    UnsupportedTransferEncoding,

    /// <summary>A chunk size line is not hexadecimal digits (optionally followed by <c>;extensions</c>).</summary>
    InvalidChunkSize,

    /// <summary>A chunk's data is not followed by CRLF (the chunk is longer than its size says).</summary>
    UnterminatedChunk,

    /// <summary>A chunk-size line or a trailer field is longer than <see cref="HttpMockLimits.MaxChunkLineLength"/> (64 KiB in a real server's reply).</summary>
    LineTooLong,

    /// <summary>An HTTP/2 connection broke RFC 9113 (a frame on the wrong stream, a malformed header list, …): GOAWAY with PROTOCOL_ERROR.</summary>
    Http2ProtocolError,

    /// <summary>An HTTP/2 frame is longer than allowed or has the wrong length for its type: GOAWAY with FRAME_SIZE_ERROR.</summary>
    Http2FrameSizeError,

    /// <summary>An HTTP/2 header block is not valid HPACK (RFC 7541): GOAWAY with COMPRESSION_ERROR.</summary>
    Http2CompressionError,

    /// <summary>An HTTP/2 peer sent more than its flow-control window allows, or overflowed one: GOAWAY with FLOW_CONTROL_ERROR.</summary>
    Http2FlowControlError,
}
