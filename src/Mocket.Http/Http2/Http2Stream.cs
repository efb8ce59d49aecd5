using System.Buffers;

namespace MocketNet.Http.Http2;

/// <summary>One HTTP/2 stream of a connection: the request as its frames arrive, then the response as the client's windows let it go.</summary>
internal sealed class Http2Stream(int id, long sendWindow)
{
    public int Id { get; } = id;

    public string Method { get; set; } = string.Empty;

    /// <summary>The <c>:path</c> pseudo-header (origin-form target), or the authority for CONNECT.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>The header fields (then trailer fields), pseudo-headers left out; null until the first header block is decoded.</summary>
    public List<KeyValuePair<string, string>>? Fields { get; set; }

    /// <summary>The header block being received (HEADERS then CONTINUATION frames).</summary>
    public ArrayBufferWriter<byte>? HeaderBlock { get; set; }

    /// <summary>Whether the frame that started the header block being received ended the stream.</summary>
    public bool HeaderBlockEndsStream { get; set; }

    public ArrayBufferWriter<byte>? Body { get; set; }

    /// <summary>Body bytes received since the last WINDOW_UPDATE Mocket sent for this stream.</summary>
    public long ReceivedSinceUpdate { get; set; }

    /// <summary>Whether the client has ended its side (END_STREAM): the request is whole.</summary>
    public bool RequestComplete { get; set; }

    /// <summary>How much DATA the client lets Mocket send on this stream.</summary>
    public long SendWindow { get; set; } = sendWindow;

    /// <summary>The response's body still to send.</summary>
    public ReadOnlyMemory<byte> PendingData { get; set; }

    /// <summary>The response's DATA frame size when the response asks for small pieces (its chunk size); 0 for the client's maximum.</summary>
    public int PieceSize { get; set; }

    /// <summary>The trailers that end the response, or null (the last DATA frame ends it).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? PendingTrailers { get; set; }
}
