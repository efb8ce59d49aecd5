using MocketNet.Protocols;

namespace MocketNet.Http.Seam;

/// <summary>What the seam changed on a request, to put back in its Response event; the scope serving it, and the error HttpClient met, if any.</summary>
internal sealed record PendingRewrite(HttpRequestMessage Request, Uri Uri, string? Host, Version Version, HttpVersionPolicy VersionPolicy, MocketServer Server)
{
    /// <summary>The exception HttpClient's Exception event reported for the request.</summary>
    public Exception? Error { get; set; }

    public void Restore()
    {
        Request.RequestUri = Uri;
        Request.Headers.Host = Host;
        Request.Version = Version;
        Request.VersionPolicy = VersionPolicy;
    }
}
