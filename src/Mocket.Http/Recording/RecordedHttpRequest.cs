using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Http.Codec;
using MocketNet.Http.Protocol;
using MocketNet.Http.Seam;
using MocketNet.Protocols;

namespace MocketNet.Http.Recording;

/// <summary>
/// A request as a recording stores it and as recordings are matched. The stored form is the same whichever
/// seam carried the request (in-memory handler, global seam, listener, proxy): origin-form request line,
/// <c>Host</c> first, the other fields in the order sent, a Content-Length-framed body, secrets redacted.
/// The matched form also drops what changes from run to run (trace ids, dates, client versions).
/// </summary>
internal static class RecordedHttpRequest
{
    /// <summary>Fields whose values differ between runs of the same test and do not change what the origin answers.</summary>
    private static readonly HashSet<string> s_volatile = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "traceparent", "tracestate", "baggage", "Request-Id", "Correlation-Context",
        "X-Request-Id", "X-Correlation-Id", "Connection", "Keep-Alive",
    };

    /// <summary>The stored form; bytes that are not one whole HTTP/1.x request come back unchanged. Idempotent.</summary>
    public static ReadOnlyMemory<byte> Canonical(ReadOnlyMemory<byte> request, MocketRedaction redaction)
    {
        if (!TryParseWhole(request, out var parsed))
        {
            return request;
        }

        var target = parsed.Target;
        var host = parsed.Headers.FirstOrDefault(f => f.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
        if (SeamTarget.TryDecode(target, out var scheme, out var seamHost, out var port, out var originTarget))
        {
            target = originTarget;
            host ??= HttpRequestText.Authority(scheme, seamHost, port);
        }
        else if (!target.StartsWith('/') && parsed.Method != "CONNECT"
            && Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            // Absolute-form (a proxy request): the URL's authority is the Host (RFC 9112 §3.2.2).
            target = absolute.PathAndQuery;
            host = HttpRequestText.Authority(absolute.Scheme, absolute.IdnHost, absolute.Port);
        }

        return HttpRequestText.Write(
            parsed.Method, HttpRedaction.Url(target, redaction), parsed.Version, host, parsed.Headers,
            HttpRedaction.Body(parsed.Body, parsed.Headers, redaction),
            (name, value) => HttpRedaction.Header(name, value, redaction));
    }

    /// <summary>The matched form of a stored one: volatile fields dropped, product versions cut from User-Agent.</summary>
    public static ReadOnlyMemory<byte> Normalize(ReadOnlyMemory<byte> request)
    {
        if (!TryParseWhole(request, out var parsed))
        {
            return request;
        }

        var fields = parsed.Headers
            .Where(f => !s_volatile.Contains(f.Key))
            .Select(f => f.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) ? new(f.Key, Products(f.Value)) : f)
            .ToList();
        var host = fields.FirstOrDefault(f => f.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
        return HttpRequestText.Write(parsed.Method, parsed.Target, parsed.Version, host, fields, parsed.Body);
    }

    /// <summary>Whether the bytes are a HEAD request (its reply has no body).</summary>
    public static bool IsHead(ReadOnlySpan<byte> request) => request.StartsWith("HEAD "u8);

    /// <summary>A User-Agent's product names without versions or comments: <c>MyApp/1.2 (Linux) curl/8.5</c> is <c>MyApp curl</c>.</summary>
    internal static string Products(string userAgent)
    {
        var products = new List<string>();
        var depth = 0;
        foreach (var token in userAgent.Replace("(", " ( ", StringComparison.Ordinal).Replace(")", " ) ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            depth += token == "(" ? 1 : token == ")" && depth > 0 ? -1 : 0;
            if (depth == 0 && token != ")")
            {
                var slash = token.IndexOf('/', StringComparison.Ordinal);
                products.Add(slash < 0 ? token : token[..slash]);
            }
        }

        return string.Join(' ', products);
    }

    private static bool TryParseWhole(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out ParsedHttpRequest? parsed)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        try
        {
            return new HttpRequestReader().TryRead(ref buffer, out parsed) && buffer.IsEmpty;
        }
        catch (MocketProtocolException)
        {
            parsed = null;
            return false;
        }
    }
}
