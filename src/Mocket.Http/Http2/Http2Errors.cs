namespace MocketNet.Http.Http2;

/// <summary>The typed rejections of an HTTP/2 connection: each is an <see cref="HttpFormatException"/> whose reason picks the GOAWAY code.</summary>
internal static class Http2Errors
{
    public static HttpFormatException Protocol(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2ProtocolError, detail);

    public static HttpFormatException FrameSize(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2FrameSizeError, detail);

    public static HttpFormatException Compression(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2CompressionError, detail);

    public static HttpFormatException FlowControl(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2FlowControlError, detail);

    /// <summary>The HTTP/2 error code (RFC 9113 §7) GOAWAY carries for a reason, or null for a reason HTTP/2 shares with HTTP/1.1 (a limit).</summary>
    public static (int Code, string Name)? Of(HttpFormatError reason) => reason switch
    {
        HttpFormatError.Http2ProtocolError => (0x1, "PROTOCOL_ERROR"),
        HttpFormatError.Http2FlowControlError => (0x3, "FLOW_CONTROL_ERROR"),
        HttpFormatError.Http2FrameSizeError => (0x6, "FRAME_SIZE_ERROR"),
        HttpFormatError.Http2CompressionError => (0x9, "COMPRESSION_ERROR"),
        _ => null,
    };
}
