namespace MocketNet.Http.Protocol;

/// <summary>How a response's body is delimited.</summary>
internal enum HttpResponseBodyKind
{
    /// <summary>No body: a HEAD reply, 1xx, 204 or 304.</summary>
    None,

    /// <summary>Exactly Content-Length bytes.</summary>
    ContentLength,

    /// <summary>Chunked transfer coding, up to the last chunk and the trailer fields.</summary>
    Chunked,

    /// <summary>No framing: the body ends when the server closes the connection.</summary>
    UntilClose,
}
