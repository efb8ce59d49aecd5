namespace MocketNet.Http.Protocol;

/// <summary>How an HTTP connection starts.</summary>
internal enum HttpProtocolMode
{
    /// <summary>Plain HTTP, or TLS when the first byte is a handshake (listener paths): the ClientHello's SNI names the certificate.</summary>
    Auto,

    /// <summary>Plain HTTP (an explicit handler's http:// connection).</summary>
    Plain,

    /// <summary>TLS for the connection's host (an explicit handler's https:// connection).</summary>
    Tls,

    /// <summary>The global seam's loopback listener: each request's target carries its original scheme, host and port.</summary>
    Seam,
}
