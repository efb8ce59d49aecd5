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
    private readonly Uri _uri;
    private readonly RouteTemplate? _route;
    private readonly Func<string, IReadOnlyDictionary<string, string[]>, bool>? _canHandle;
    private readonly Func<HttpMockRequest, bool>? _when;
    private readonly string? _whenDescription;
    private string? _path;
    private HttpRequestMatcher[]? _matchers; // built on first use: most entries are registered, and many never see a request

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
        Uri uri, string method, IEnumerable<HttpMockResponse> responses, bool matchQueryString,
        Func<string, IReadOnlyDictionary<string, string[]>, bool>? canHandle, Func<HttpMockRequest, bool>? when, string? whenDescription)
        : base(uri.IdnHost, uri.Port, HttpMockProtocol.Instance, responses)
    {
        if (string.IsNullOrWhiteSpace(method) || !IsToken(method))
        {
            throw new ArgumentException($"\"{method}\" is not an HTTP method; pass one such as \"GET\" or \"POST\".", nameof(method));
        }

        Method = method.ToUpperInvariant();
        Scheme = uri.Scheme;
        _uri = uri;

        // A route template ('{' in the decoded path) is read now, so a bad one fails its registration; a URL with neither
        // '{' nor '%' has none, and its path is read when first needed.
        if (uri.OriginalString.AsSpan().IndexOfAny('{', '%') >= 0)
        {
            var decodedPath = Uri.UnescapeDataString(uri.AbsolutePath);
            _route = RouteTemplate.IsTemplate(decodedPath) ? RouteTemplate.Parse(decodedPath, nameof(uri)) : null;
            _path = _route?.Text ?? uri.AbsolutePath;
        }

        QueryString = uri.Query.TrimStart('?');
        MatchQueryString = matchQueryString;
        _canHandle = canHandle;
        _when = when;
        _whenDescription = whenDescription;
    }

    /// <summary>The method matched, upper-cased.</summary>
    public string Method { get; }

    /// <summary>The scheme registered (<c>http</c> or <c>https</c>); shown in reports, not matched (the port tells them apart).</summary>
    public string Scheme { get; }

    /// <summary>The path registered (<c>/</c> for a URL with no path), or its route template (<c>/users/{id}</c>).</summary>
    public string Path => _path ??= _uri.AbsolutePath;

    /// <summary>The query registered, without <c>?</c>.</summary>
    public string QueryString { get; }

    /// <summary>Whether the query must match.</summary>
    public bool MatchQueryString { get; }

    /// <inheritdoc />
    public override bool CanHandle(HttpMockRequest request)
    {
        foreach (var matcher in Matchers)
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
        var reasons = Matchers.Where(m => !m.Matches(request)).Select(m => m.Explain(request)).ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>The entry as reports show it, in the reference's spelling plus every matcher.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"HttpMockEntry(method='{Method}', schema='{Scheme}', location=('{Host}', {Port}), path='{Path}', query='{QueryString}'" +
        $"{(MatchQueryString ? string.Empty : ", matchQueryString=false")}{string.Concat(Matchers.Skip(1).OfType<CanHandleMatcher>().Select(m => ", " + m))}" +
        $"{string.Concat(Matchers.OfType<PredicateMatcher>().Select(m => ", " + m))})");

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

    /// <summary>The conditions, in the order they are checked and reported: method, then path and query (or canHandle), then the whole-request matcher.</summary>
    private HttpRequestMatcher[] Matchers => Volatile.Read(ref _matchers) ?? BuildMatchers();

    private HttpRequestMatcher[] BuildMatchers()
    {
        // Every thread that gets here builds the same immutable matchers; the first to finish is kept.
        var count = 1 + (_canHandle is not null ? 1 : MatchQueryString ? 2 : 1) + (_when is not null ? 1 : 0);
        var matchers = new HttpRequestMatcher[count];
        var next = 0;
        matchers[next++] = new MethodMatcher(Method);
        if (_canHandle is not null)
        {
            matchers[next++] = new CanHandleMatcher(_canHandle);
        }
        else
        {
            matchers[next++] = _route is null ? new PathMatcher(Path) : new RouteMatcher(_route);
            if (MatchQueryString)
            {
                matchers[next++] = new QueryMatcher(QueryStrings.Parse(QueryString));
            }
        }

        if (_when is not null)
        {
            matchers[next] = new PredicateMatcher(_when, _whenDescription ?? "when");
        }

        return Interlocked.CompareExchange(ref _matchers, matchers, null) ?? matchers;
    }

    // A loop, not All: that boxes the string's enumerator.
    private static bool IsToken(string method)
    {
        foreach (var c in method)
        {
            if (!Codec.HttpSyntax.IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<HttpMockResponse> Validate(IEnumerable<HttpMockResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses is IReadOnlyList<HttpMockResponse> list)
        {
            // A list is checked where it is (the base copies it once); other sequences are read once, here.
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is null)
                {
                    throw NullResponse(nameof(responses));
                }
            }

            return list;
        }

        var array = responses.ToArray();
        if (Array.IndexOf(array, null) >= 0)
        {
            throw NullResponse(nameof(responses));
        }

        return array;
    }

    private static ArgumentException NullResponse(string parameterName) =>
        new("An HTTP entry was given a null response; pass HttpMockResponse objects.", parameterName);

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
