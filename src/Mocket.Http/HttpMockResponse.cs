using System.Globalization;
using System.Text;
using System.Text.Json;
using MocketNet.Http.Json;
using MocketNet.Http.Protocol;

namespace MocketNet.Http;

/// <summary>
/// One HTTP response an entry answers with. It gets the reference's default headers (<c>Status</c>,
/// <c>Date</c>, <c>Server</c>, <c>Connection</c>, <c>Content-Length</c>, <c>Content-Type</c>); headers
/// given here are added with Title-Case names and replace defaults of the same name. Immutable: the
/// <c>With…</c> methods return a copy.
/// </summary>
public sealed class HttpMockResponse : MocketResponse
{
    private const string TextPlain = "text/plain; charset=utf-8";
    private const string ApplicationJson = "application/json; charset=utf-8";

    private byte[]? _head; // encoded on first use: most responses are registered, few are served

    /// <summary>Creates a response with a text body (sent as UTF-8, <c>Content-Type: text/plain; charset=utf-8</c>).</summary>
    /// <param name="body">The body.</param>
    /// <param name="status">The status code, 100..999.</param>
    /// <param name="headers">Extra headers; names are Title-Cased.</param>
    public HttpMockResponse(string body = "", int status = 200, IDictionary<string, string>? headers = null)
        : this(Encoding.UTF8.GetBytes(body ?? string.Empty), status, headers, TextPlain)
    {
    }

    /// <summary>Creates a response with a binary body (<c>Content-Type: text/plain; charset=utf-8</c> unless given, as the reference does).</summary>
    /// <param name="body">The body, copied.</param>
    /// <param name="status">The status code, 100..999.</param>
    /// <param name="headers">Extra headers; names are Title-Cased.</param>
    public HttpMockResponse(byte[] body, int status = 200, IDictionary<string, string>? headers = null)
        : this([.. body ?? throw new ArgumentNullException(nameof(body))], status, headers, TextPlain)
    {
    }

    /// <summary>
    /// Creates a response whose body is read from <paramref name="body"/> now (the last response repeats,
    /// so it must be replayable). The Content-Type is sniffed from the bytes: PNG, JPEG, GIF, PDF, JSON,
    /// HTML, plain text, else <c>application/octet-stream</c>.
    /// </summary>
    /// <param name="body">The stream to read to its end.</param>
    /// <param name="status">The status code, 100..999.</param>
    /// <param name="headers">Extra headers; names are Title-Cased.</param>
    public HttpMockResponse(Stream body, int status = 200, IDictionary<string, string>? headers = null)
        : this(ReadAll(body), status, headers, contentType: null)
    {
    }

    private HttpMockResponse(byte[] body, int status, IDictionary<string, string>? headers, string? contentType)
        : base(exception: null)
    {
        if (status is < 100 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, $"An HTTP status code is three digits (100..999), but {status.ToString(CultureInfo.InvariantCulture)} was given.");
        }

        Body = body;
        Status = status;
        ContentType = contentType ?? ContentSniffer.Sniff(body);
        Headers = headers is null ? [] : [.. headers.Select(h => new KeyValuePair<string, string>(TitleCase(h.Key), h.Value))];
        HasDateHeader = HasHeader("Date");
        HasConnectionHeader = HasHeader("Connection");
        ClosesConnection = Headers.Any(h => h.Key == "Connection" && h.Value.Contains("close", StringComparison.OrdinalIgnoreCase));
    }

    private HttpMockResponse(HttpMockResponse source)
        : base(source.Exception)
    {
        Body = source.Body;
        Status = source.Status;
        ContentType = source.ContentType;
        Headers = source.Headers;
        Callback = source.Callback;
        Delay = source.Delay;
        ChunkSize = source.ChunkSize;
        Trailers = source.Trailers;
        // The head is encoded again on first use: a copy's framing (chunked, trailers) may differ from its source's.
        HasDateHeader = source.HasDateHeader;
        HasConnectionHeader = source.HasConnectionHeader;
        ClosesConnection = source.ClosesConnection;
    }

    private HttpMockResponse(Exception? exception, Func<HttpMockRequest, HttpMockResponse>? callback)
        : base(exception)
    {
        Body = ReadOnlyMemory<byte>.Empty;
        Headers = [];
        ContentType = TextPlain;
        _head = [];
        Callback = callback;
    }

    /// <summary>The status code.</summary>
    public int Status { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; private init; }

    /// <summary>The default Content-Type (text for string/byte[] bodies, sniffed for streams); a <c>Content-Type</c> header replaces it.</summary>
    public string ContentType { get; }

    /// <summary>The extra headers, with Title-Case names, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>How long the fake waits before answering (zero by default).</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>When set, the body is sent with <c>Transfer-Encoding: chunked</c> in chunks of this many bytes.</summary>
    public int? ChunkSize { get; private init; }

    /// <summary>The trailer fields sent after the body (HTTP/2 trailers, or HTTP/1.1 chunked trailers), in the order given; empty by default.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Trailers { get; private init; } = [];

    internal Func<HttpMockRequest, HttpMockResponse>? Callback { get; }

    /// <summary>Whether the user set a Date header (the writer then adds none).</summary>
    internal bool HasDateHeader { get; }

    /// <summary>Whether the user set a Connection header (the writer then adds none).</summary>
    internal bool HasConnectionHeader { get; }

    /// <summary>Whether the user's Connection header closes the connection.</summary>
    internal bool ClosesConnection { get; }

    /// <summary>The status line and headers except Date, pre-encoded (empty for faults and callbacks).</summary>
    internal byte[] Head => _head ??= HttpResponseWriter.EncodeHead(this);

    /// <summary>
    /// A JSON response: <paramref name="value"/> serialized by System.Text.Json with the web defaults (camelCase names),
    /// sent as <c>application/json; charset=utf-8</c>.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value to serialize.</param>
    /// <param name="status">The status code, 100..999.</param>
    /// <param name="options">Serializer options in place of the web defaults.</param>
    public static HttpMockResponse Json<T>(T value, int status = 200, JsonSerializerOptions? options = null) =>
        new(JsonBodies.Serialize(value, options), status, headers: null, ApplicationJson);

    /// <summary>A fault inside a response sequence: the client's call fails with <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception.</param>
    public static HttpMockResponse Throw(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(exception, callback: null);
    }

    /// <summary>A response computed from each request it answers (the callback runs on the fake's side, once per request).</summary>
    /// <param name="callback">Builds the response; it may return one made with <see cref="Throw"/>.</param>
    public static HttpMockResponse From(Func<HttpMockRequest, HttpMockResponse> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new(exception: null, callback);
    }

    /// <summary>A copy answered after <paramref name="delay"/> (the client's timeout and cancellation apply as on a slow server).</summary>
    /// <param name="delay">How long to wait, zero or more.</param>
    public HttpMockResponse WithDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(this) { Delay = delay };
    }

    /// <summary>A copy whose body is sent with <c>Transfer-Encoding: chunked</c>, <paramref name="chunkSize"/> bytes per chunk.</summary>
    /// <param name="chunkSize">Bytes per chunk, at least 1.</param>
    public HttpMockResponse WithChunkedBody(int chunkSize = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return new(this) { ChunkSize = chunkSize };
    }

    /// <summary>
    /// A copy that sends <paramref name="trailers"/> after the body: as HTTP/2 trailers, or over HTTP/1.1 as the trailer
    /// section of a chunked body (the body is then sent chunked). HttpClient shows them in <c>HttpResponseMessage.TrailingHeaders</c>
    /// once the body has been read; gRPC's <c>grpc-status</c> travels this way.
    /// </summary>
    /// <param name="trailers">The trailer fields; names are sent as given (HTTP/2 in lower case).</param>
    /// <exception cref="ArgumentException">A name is empty or a value holds CR, LF or NUL.</exception>
    public HttpMockResponse WithTrailers(IDictionary<string, string> trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        foreach (var (name, value) in trailers)
        {
            if (string.IsNullOrWhiteSpace(name) || name.AsSpan().IndexOfAny(" :\r\n\0") >= 0 || (value ?? string.Empty).AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw new ArgumentException($"The trailer \"{name}: {value}\" cannot be sent: a name is a token (no spaces, no ':') and a value holds no CR, LF or NUL.", nameof(trailers));
            }
        }

        return new(this) { Trailers = [.. trailers.Select(t => new KeyValuePair<string, string>(t.Key, t.Value ?? string.Empty))] };
    }

    /// <summary>A copy with another body and everything else shared (a pack that answers each request with new bytes, such as gRPC).</summary>
    internal HttpMockResponse WithBody(ReadOnlyMemory<byte> body) => new(this) { Body = body };

    /// <summary>The response as reports show it.</summary>
    public override string ToString() =>
        Exception is not null ? $"HttpMockResponse.Throw({Exception.GetType().Name})"
        : Callback is not null ? "HttpMockResponse.From(callback)"
        : $"HttpMockResponse(status={Status.ToString(CultureInfo.InvariantCulture)}, body={Body.Length.ToString(CultureInfo.InvariantCulture)} bytes)";

    /// <summary>The reference's header naming: every dash-separated token capitalised (<c>x-api-KEY</c> is <c>X-Api-Key</c>).</summary>
    internal static string TitleCase(string name) =>
        string.Join('-', name.Split('-').Select(t => t.Length == 0 ? t : char.ToUpperInvariant(t[0]) + t[1..].ToLowerInvariant()));

    private bool HasHeader(string name)
    {
        // A loop, not Any with a lambda: the lambda would capture name (two allocations per header looked for).
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i].Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] ReadAll(Stream body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return copy.ToArray();
    }
}
