namespace MocketNet.Http;

/// <summary>
/// The limits Mocket's fake HTTP server puts on requests, Kestrel's defaults unless set. A request over one is answered
/// as Kestrel answers it (414, 431, 413, or 400 for a chunk-size line), its connection closed, and an
/// <see cref="HttpFormatException"/> naming the limit kept in the scope's errors. Change them for the current scope with
/// <see cref="MockHttp.SetLimits"/>, before the client connects.
/// </summary>
public sealed record HttpMockLimits
{
    /// <summary>Kestrel's defaults.</summary>
    public static HttpMockLimits Default { get; } = new();

    /// <summary>The longest request line (method, target, version), in bytes; Kestrel's MaxRequestLineSize, 8 KiB. Over it: 414.</summary>
    public int MaxRequestLineLength { get; init => field = Positive(value); } = 8 * 1024;

    /// <summary>The most header fields (trailer fields included); Kestrel's MaxRequestHeaderCount, 100. Over it: 431.</summary>
    public int MaxHeaderCount { get; init => field = Positive(value); } = 100;

    /// <summary>The most bytes of header fields; Kestrel's MaxRequestHeadersTotalSize, 32 KiB. Over it: 431.</summary>
    public int MaxHeadersLength { get; init => field = Positive(value); } = 32 * 1024;

    /// <summary>The largest body Mocket buffers, in bytes; Kestrel's MaxRequestBodySize, 30,000,000. Over it: 413.</summary>
    public long MaxBodyLength { get; init => field = Positive(value); } = 30_000_000;

    /// <summary>The longest chunk-size line (size and extensions) or trailer field, in bytes; 8 KiB. Over it: 400.</summary>
    public int MaxChunkLineLength { get; init => field = Positive(value); } = 8 * 1024;

    private static T Positive<T>(T value)
        where T : System.Numerics.INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
