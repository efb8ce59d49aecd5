namespace MocketNet.Http.Protocol;

/// <summary>The bytes a passed-through request is sent upstream with: unchanged, or rewritten to origin-form for its real host.</summary>
internal static class UpstreamRequest
{
    /// <summary>
    /// The request as sent to its origin. <paramref name="rewrite"/>: rebuild it (origin-form, Content-Length
    /// framing, Host of the location); <paramref name="keepClientHost"/>: a Host field the client sent wins
    /// (the global seam's, which names the original host; a listener's or proxy's names Mocket's endpoint).
    /// </summary>
    public static ReadOnlyMemory<byte> Build(HttpMockRequest request, bool rewrite, bool keepClientHost)
    {
        if (!rewrite)
        {
            return request.Data;
        }

        var host = keepClientHost && request.TryGetHeader("Host", out var sent)
            ? sent
            : HttpRequestText.Authority(request.Scheme, request.Host, request.Port);
        var target = request.QueryString.Length > 0 ? request.Path + "?" + request.QueryString : request.Path;
        var version = request.Version == HttpMockSession.Http2Version ? "HTTP/1.1" : request.Version;
        return HttpRequestText.Write(request.Method, target, version, host, request.HeaderFields, request.Body);
    }
}
