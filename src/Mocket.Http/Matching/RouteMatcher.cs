namespace MocketNet.Http.Matching;

/// <summary>Matches the path against a route template (<c>/users/{id}</c>) and gives the request its route values.</summary>
internal sealed class RouteMatcher(RouteTemplate template) : HttpRequestMatcher
{
    public override bool Matches(HttpMockRequest request) => template.Match(request.Path, out _) is not null;

    public override string Explain(HttpMockRequest request)
    {
        template.Match(request.Path, out var mismatch);
        return $"path: '{request.Path}' does not match the template '{template}' ({mismatch})";
    }

    public override string ToString() => $"path='{template}'";
}
