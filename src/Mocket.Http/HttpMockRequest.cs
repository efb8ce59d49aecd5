using System.Text;
using System.Text.Json;
using MocketNet.Http.Json;

namespace MocketNet.Http;

/// <summary>
/// An HTTP request a client sent to a mocked location. <see cref="MocketRequest.Host"/> and
/// <see cref="MocketRequest.Port"/> are the location the client asked for (never a seam's loopback
/// address); <see cref="Path"/> is origin-form even when a seam received another form.
/// </summary>
public sealed class HttpMockRequest : MocketRequest
{
    private Dictionary<string, string>? _headers;

    internal HttpMockRequest(
        string scheme, string host, int port, ReadOnlyMemory<byte> data, string method, string path, string queryString,
        string version, IReadOnlyList<KeyValuePair<string, string>> fields, byte[] body)
        : base(host, port, data)
    {
        Scheme = scheme;
        Method = method;
        Path = path;
        QueryString = queryString;
        Query = QueryStrings.Parse(queryString);
        Version = version;
        HeaderFields = fields;
        Body = body;
    }

    /// <summary><c>http</c> or <c>https</c>: the scheme the client used.</summary>
    public string Scheme { get; }

    /// <summary>The method, as sent (<c>GET</c>, <c>POST</c>, …).</summary>
    public string Method { get; }

    /// <summary>The path alone, origin-form and as sent (percent-encoding kept), without the query; never empty.</summary>
    public string Path { get; }

    /// <summary>The query string as sent, without the leading <c>?</c>; empty when there is none.</summary>
    public string QueryString { get; }

    /// <summary>The query as a multi-dictionary: every value of every name, in order, blank values kept (<c>draft=</c> is <c>[""]</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Query { get; }

    /// <summary><c>HTTP/1.1</c>, <c>HTTP/1.0</c>, or <c>HTTP/2</c> (then <see cref="MocketRequest.Data"/> is empty: its frames are not kept).</summary>
    public string Version { get; }

    /// <summary>
    /// The values of the route parameters of the entry that answered (<c>{id}</c> in <c>https://api.test/users/{id}</c>),
    /// percent-decoded; empty when its URL has none. Set when the entry answers, so a response callback
    /// (<see cref="HttpMockResponse.From"/>) and assertions read them.
    /// </summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; internal set; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The header fields (and trailer fields), names case-insensitive; repeated fields are joined with <c>", "</c>.</summary>
    /// <remarks>Made on first use: most requests are matched and logged without it (<see cref="TryGetHeader"/> reads one field).</remarks>
    public IReadOnlyDictionary<string, string> Headers => _headers ?? Interlocked.CompareExchange(ref _headers, HeaderDictionary(HeaderFields), null) ?? _headers;

    /// <summary>The entity body, with chunked framing removed.</summary>
    public byte[] Body { get; }

    /// <summary>The header fields (then trailer fields) in the order sent, repeated fields kept apart.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> HeaderFields { get; }

    /// <summary>One header's value as <see cref="Headers"/> reads it (repeated fields joined), without making the dictionary.</summary>
    internal bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        List<string>? repeated = null;
        foreach (var (field, fieldValue) in HeaderFields)
        {
            if (!field.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value is null)
            {
                value = fieldValue;
            }
            else
            {
                (repeated ??= [value]).Add(fieldValue);
            }
        }

        if (repeated is not null)
        {
            value = string.Join(", ", repeated);
        }

        return value is not null;
    }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body read as JSON into a <typeparamref name="T"/> (System.Text.Json, web defaults unless <paramref name="options"/> are given).</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="options">Serializer options in place of the web defaults.</param>
    /// <exception cref="JsonException">The body is not JSON of that shape.</exception>
    public T? ReadFromJson<T>(JsonSerializerOptions? options = null) => JsonSerializer.Deserialize<T>(Body, options ?? JsonBodies.Web);

    /// <summary>
    /// Whether the body is JSON that means the same as <paramref name="expected"/> serialized (web defaults unless
    /// <paramref name="options"/> are given): property order, white space and number spelling do not matter; arrays
    /// compare item by item. Pass a <c>JsonNode</c> (<c>JsonNode.Parse(text)</c>) to compare with JSON text.
    /// For an entry: <c>MockHttp.Register("POST", url, when: r =&gt; r.BodyJsonEquals(new { name = "Ada" }), ...)</c>.
    /// </summary>
    /// <typeparam name="T">The expected value's type.</typeparam>
    /// <param name="expected">The value the body should mean.</param>
    /// <param name="options">Serializer options in place of the web defaults.</param>
    public bool BodyJsonEquals<T>(T expected, JsonSerializerOptions? options = null) =>
        JsonBodies.SameJson(Body, JsonBodies.Serialize(expected, options));

    /// <summary>The URL the client asked for: scheme, host, port, path and query.</summary>
    public Uri Url => new UriBuilder(Scheme, Host, Port) { Path = Path, Query = QueryString }.Uri;

    /// <summary>The HTTP/2 stream the request came on; 0 for HTTP/1.x.</summary>
    internal int StreamId { get; init; }

    /// <summary>Whether the request line was origin-form on a connection to its own location (its bytes can go upstream unchanged).</summary>
    internal bool FromOriginForm { get; init; }

    /// <summary>The request line as the client meant it (origin-form), for reports.</summary>
    public override string FirstLine => QueryString.Length == 0 ? $"{Method} {Path} {Version}" : $"{Method} {Path}?{QueryString} {Version}";

    /// <summary>The request as a report shows it.</summary>
    public override string ToString() =>
        $"HttpMockRequest(method='{Method}', scheme='{Scheme}', location={Location.ToString()}, path='{Path}', query='{QueryString}', body={Body.Length} bytes)";

    private static Dictionary<string, string> HeaderDictionary(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        // Repeated fields are collected and joined once each: joining as they come copied the value so far every time.
        var headers = new Dictionary<string, string>(fields.Count, StringComparer.OrdinalIgnoreCase);
        Dictionary<string, List<string>>? repeated = null;
        for (var i = 0; i < fields.Count; i++)
        {
            var (name, value) = fields[i];
            if (headers.TryAdd(name, value))
            {
                continue;
            }

            repeated ??= new(StringComparer.OrdinalIgnoreCase);
            if (!repeated.TryGetValue(name, out var values))
            {
                repeated[name] = values = [headers[name]];
            }

            values.Add(value);
        }

        foreach (var (name, values) in repeated ?? [])
        {
            headers[name] = string.Join(", ", values);
        }

        return headers;
    }
}
