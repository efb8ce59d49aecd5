namespace MocketNet.Http.Matching;

/// <summary>A condition on the whole request (headers, body, JSON), described by its source text.</summary>
internal sealed class PredicateMatcher(Func<HttpMockRequest, bool> predicate, string description) : HttpRequestMatcher
{
    public override bool Matches(HttpMockRequest request) => predicate(request);

    public override string Explain(HttpMockRequest request) => $"matcher `{description}` returned false";

    public override string ToString() => $"when=`{description}`";
}
