namespace MocketNet.Http.Matching;

/// <summary>Matches the path exactly after percent-decoding both sides; an empty path is <c>/</c>.</summary>
internal sealed class PathMatcher(string path) : HttpRequestMatcher
{
    public string Path { get; } = Normalize(path);

    public override bool Matches(HttpMockRequest request) => string.Equals(Normalize(request.Path), Path, StringComparison.Ordinal);

    public override string Explain(HttpMockRequest request) => $"path: expected '{Path}', got '{Normalize(request.Path)}'";

    public override string ToString() => $"path='{Path}'";

    private static string Normalize(string path) => path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
}
