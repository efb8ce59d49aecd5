namespace MocketNet.Http.Protocol;

/// <summary>How a response's body is delimited, and its length when a Content-Length gives it.</summary>
internal readonly record struct HttpResponseBody(HttpResponseBodyKind Kind, long Length)
{
    public static HttpResponseBody None => new(HttpResponseBodyKind.None, 0);

    public static HttpResponseBody Chunked => new(HttpResponseBodyKind.Chunked, 0);

    public static HttpResponseBody UntilClose => new(HttpResponseBodyKind.UntilClose, 0);
}
