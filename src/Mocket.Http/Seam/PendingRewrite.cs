namespace MocketNet.Http.Seam;

/// <summary>What the seam changed on a request, to put back in its Response event.</summary>
internal sealed record PendingRewrite(HttpRequestMessage Request, Uri Uri, string? Host, Version Version, HttpVersionPolicy VersionPolicy)
{
    public void Restore()
    {
        Request.RequestUri = Uri;
        Request.Headers.Host = Host;
        Request.Version = Version;
        Request.VersionPolicy = VersionPolicy;
    }
}
