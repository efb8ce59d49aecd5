namespace MocketNet.Http.Matching;

/// <summary>Matches the query as a multi-dictionary (order of names free, order of a name's values kept, blank values kept).</summary>
internal sealed class QueryMatcher(IReadOnlyDictionary<string, string[]> query) : HttpRequestMatcher
{
    public override bool Matches(HttpMockRequest request) => QueryStrings.AreEqual(request.Query, query);

    public override string Explain(HttpMockRequest request) =>
        $"query: expected {QueryStrings.Describe(query)}, got {QueryStrings.Describe(request.Query)}";

    public override string ToString() => $"query='{QueryStrings.Describe(query)}'";
}
