namespace MocketNet.Http.Codec;

/// <summary>One request cut from a connection's bytes by <see cref="HttpRequestReader"/>.</summary>
internal sealed class ParsedHttpRequest(string method, string target, string version, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
{
    public string Method { get; } = method;

    /// <summary>The request target as sent: origin-form (<c>/p?q</c>), absolute-form or authority-form (CONNECT).</summary>
    public string Target { get; } = target;

    /// <summary><c>HTTP/1.1</c> or <c>HTTP/1.0</c>.</summary>
    public string Version { get; } = version;

    /// <summary>Header fields in the order sent (and trailer fields of a chunked body after them).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    /// <summary>The entity body, chunked framing removed.</summary>
    public byte[] Body { get; } = body;
}
