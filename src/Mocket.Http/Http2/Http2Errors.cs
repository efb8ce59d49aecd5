namespace MocketNet.Http.Http2;

/// <summary>The typed rejections of an HTTP/2 connection: each is an <see cref="HttpFormatException"/> whose reason picks the GOAWAY code.</summary>
internal static class Http2Errors
{
    public static HttpFormatException Protocol(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2ProtocolError, detail);

    public static HttpFormatException FrameSize(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2FrameSizeError, detail);

    public static HttpFormatException Compression(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2CompressionError, detail);

    public static HttpFormatException FlowControl(string detail) => HttpFormatException.InRequest(HttpFormatError.Http2FlowControlError, detail);

    /// <summary>The numeric code of GOAWAY / RST_STREAM for a rejection (RFC 9113 §7).</summary>
    public static int CodeOf(HttpFormatError reason) => reason switch
    {
        HttpFormatError.Http2ProtocolError => 0x1,
        HttpFormatError.Http2FlowControlError => 0x3,
        HttpFormatError.Http2FrameSizeError => 0x6,
        HttpFormatError.Http2CompressionError => 0x9,
        _ => 0x1,
    };
}
