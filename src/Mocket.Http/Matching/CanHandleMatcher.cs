namespace MocketNet.Http.Matching;

/// <summary>The reference's <c>can_handle_fun(path, query)</c>: replaces path and query matching.</summary>
internal sealed class CanHandleMatcher(Func<string, IReadOnlyDictionary<string, string[]>, bool> canHandle) : HttpRequestMatcher
{
    public override bool Matches(HttpMockRequest request) => canHandle(request.Path, request.Query);

    public override string Explain(HttpMockRequest request) =>
        $"canHandle(path, query) returned false for path '{request.Path}', query {QueryStrings.Describe(request.Query)}";

    public override string ToString() => "canHandle(path, query)";
}
