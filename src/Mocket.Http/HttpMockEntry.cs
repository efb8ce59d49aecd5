using System.Globalization;
using MocketNet.Http.Matching;
using MocketNet.Http.Protocol;

namespace MocketNet.Http;

/// <summary>
/// An HTTP entry: what a URL answers for one method. It matches method + path (an empty path is
/// <c>/</c>; a path may be a route template such as <c>/users/{id}</c> or <c>/files/{*rest}</c>, whose values
/// the answered request carries in <see cref="HttpMockRequest.RouteValues"/>) + query (as a multi-dictionary, unless <c>matchQueryString</c> is false); a
/// <c>canHandle(path, query)</c> function replaces path and query matching, and a whole-request
/// matcher adds a condition on anything (headers, body). Its responses are served in order, the last
/// one repeating.
/// </summary>
public sealed class HttpMockEntry : MocketEntry<HttpMockRequest, HttpMockResponse>
{
    private readonly HttpRequestMatcher[] _matchers;
    private readonly RouteTemplate? _route;

    /// <summary>Creates an entry.</summary>
    /// <param name="method">The HTTP method (any case).</param>
    /// <param name="uri">An absolute http:// or https:// URL; its port defaults to 80 or 443.</param>
    /// <param name="responses">At least one response.</param>
    /// <param name="matchQueryString">Whether the query must match; false ignores it.</param>
    /// <param name="canHandle">Replaces path and query matching with a function of (path, query).</param>
    /// <param name="when">An extra condition on the whole request.</param>
    /// <param name="whenDescription">How reports name <paramref name="when"/> (filled in by the compiler).</param>
    public HttpMockEntry(
        string method, string uri, IEnumerable<HttpMockResponse> responses, bool matchQueryString = true,
        Func<string, IReadOnlyDictionary<string, string[]>, bool>? canHandle = null, Func<HttpMockRequest, bool>? when = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(when))] string? whenDescription = null)
        : this(ParseUri(uri), method, Validate(responses), matchQueryString, canHandle, when, whenDescription)
    {
    }

    private HttpMockEntry(
        Uri uri, string method, HttpMockResponse[] responses, bool matchQueryString,
        Func<string, IReadOnlyDictionary<string, string[]>, bool>? canHandle, Func<HttpMockRequest, bool>? when, string? whenDescription)
        : base(uri.IdnHost, uri.Port, HttpMockProtocol.Instance, responses)
    {
        if (string.IsNullOrWhiteSpace(method) || !method.All(Codec.HttpSyntax.IsTokenChar))
        {
            throw new ArgumentException($"\"{method}\" is not an HTTP method; pass one such as \"GET\" or \"POST\".", nameof(method));
        }

        Method = method.ToUpperInvariant();
        Scheme = uri.Scheme;
        var decodedPath = Uri.UnescapeDataString(uri.AbsolutePath);
        _route = RouteTemplate.IsTemplate(decodedPath) ? RouteTemplate.Parse(decodedPath, nameof(uri)) : null;
        Path = _route?.Text ?? uri.AbsolutePath;
        QueryString = uri.Query.TrimStart('?');
        MatchQueryString = matchQueryString;
        var matchers = new List<HttpRequestMatcher> { new MethodMatcher(Method) };
        if (canHandle is not null)
        {
            matchers.Add(new CanHandleMatcher(canHandle));
        }
        else
        {
            matchers.Add(_route is null ? new PathMatcher(Path) : new RouteMatcher(_route));
            if (matchQueryString)
            {
                matchers.Add(new QueryMatcher(QueryStrings.Parse(QueryString)));
            }
        }

        if (when is not null)
        {
            matchers.Add(new PredicateMatcher(when, whenDescription ?? "when"));
        }

        _matchers = [.. matchers];
    }

    /// <summary>The method matched, upper-cased.</summary>
    public string Method { get; }

    /// <summary>The scheme registered (<c>http</c> or <c>https</c>); shown in reports, not matched (the port tells them apart).</summary>
    public string Scheme { get; }

    /// <summary>The path registered (<c>/</c> for a URL with no path), or its route template (<c>/users/{id}</c>).</summary>
    public string Path { get; }

    /// <summary>The query registered, without <c>?</c>.</summary>
    public string QueryString { get; }

    /// <summary>Whether the query must match.</summary>
    public bool MatchQueryString { get; }

    /// <inheritdoc />
    public override bool CanHandle(HttpMockRequest request)
    {
        foreach (var matcher in _matchers)
        {
            if (!matcher.Matches(request))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string? ExplainMismatch(HttpMockRequest request)
    {
        var reasons = _matchers.Where(m => !m.Matches(request)).Select(m => m.Explain(request)).ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>The entry as reports show it, in the reference's spelling plus every matcher.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"HttpMockEntry(method='{Method}', schema='{Scheme}', location=('{Host}', {Port}), path='{Path}', query='{QueryString}'" +
        $"{(MatchQueryString ? string.Empty : ", matchQueryString=false")}{string.Concat(_matchers.Skip(1).OfType<CanHandleMatcher>().Select(m => ", " + m))}" +
        $"{string.Concat(_matchers.OfType<PredicateMatcher>().Select(m => ", " + m))})");

    /// <summary>The next response in order; a response made with <see cref="HttpMockResponse.From"/> is computed from the request.</summary>
    /// <param name="request">The request answered.</param>
    protected override HttpMockResponse Answer(HttpMockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_route?.Match(request.Path, out _) is { } values)
        {
            request.RouteValues = values;
        }

        var response = Next();
        return response.Callback is { } callback
            ? callback(request) ?? throw new InvalidOperationException($"The response callback of {this} returned null; return an HttpMockResponse.")
            : response;
    }

    private static HttpMockResponse[] Validate(IEnumerable<HttpMockResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var array = responses.ToArray();
        if (Array.IndexOf(array, null) >= 0)
        {
            throw new ArgumentException("An HTTP entry was given a null response; pass HttpMockResponse objects.", nameof(responses));
        }

        return array;
    }

    private static Uri ParseUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException(
                $"\"{uri}\" is not an absolute http:// or https:// URL; register the URL the client calls, such as \"https://api.test/users?page=1\".",
                nameof(uri));
        }

        return parsed;
    }
}
