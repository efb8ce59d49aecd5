namespace MocketNet.Http.Matching;

/// <summary>Matches the method, case-insensitively (the reference upper-cases it).</summary>
internal sealed class MethodMatcher(string method) : HttpRequestMatcher
{
    public string Method { get; } = method.ToUpperInvariant();

    public override bool Matches(HttpMockRequest request) => string.Equals(request.Method, Method, StringComparison.OrdinalIgnoreCase);

    public override string Explain(HttpMockRequest request) => $"method: expected {Method}, got {request.Method}";

    public override string ToString() => $"method={Method}";
}
