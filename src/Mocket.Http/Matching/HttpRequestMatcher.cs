namespace MocketNet.Http.Matching;

/// <summary>One condition an <see cref="HttpMockEntry"/> puts on requests. <see cref="object.ToString"/> says what it expects, for mismatch reports.</summary>
internal abstract class HttpRequestMatcher
{
    public abstract bool Matches(HttpMockRequest request);

    /// <summary>What differed, for a request this matcher rejected.</summary>
    public abstract string Explain(HttpMockRequest request);
}
