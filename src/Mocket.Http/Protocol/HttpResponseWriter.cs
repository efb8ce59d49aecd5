using System.Buffers;
using System.Globalization;
using System.Text;

namespace MocketNet.Http.Protocol;

/// <summary>Serialises <see cref="HttpMockResponse"/>s as HTTP/1.1: a head encoded once per response, the Date and Connection fields and the body per write, one write per response.</summary>
internal static class HttpResponseWriter
{
    private const string ServerName = "Mocket.NET";
    private static DateCache? s_date;

    // Fields HTTP/2 forbids (RFC 9113 §8.2.2): an HTTP/2 response leaves them out.
    private static readonly HashSet<string> s_connectionSpecific = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade",
    };

    /// <summary>The status line and every header except Date and Connection (unless the user set them).</summary>
    public static byte[] EncodeHead(HttpMockResponse response)
    {
        var text = new StringBuilder()
            .Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrases.For(response.Status)).Append("\r\n");
        foreach (var (name, value) in Fields(response))
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The fields of an HTTP/2 response: those of <see cref="EncodeHead"/> but the connection-specific ones, and Date.</summary>
    public static List<KeyValuePair<string, string>> Http2Fields(HttpMockResponse response)
    {
        var fields = Fields(response);
        fields.RemoveAll(f => s_connectionSpecific.Contains(f.Key));
        if (!response.HasDateHeader)
        {
            fields.Add(new("Date", CurrentDateCache().Value));
        }

        return fields;
    }

    /// <summary>The defaults (Status, Server, framing, Content-Type) the user's headers do not replace, then the user's.</summary>
    private static List<KeyValuePair<string, string>> Fields(HttpMockResponse response)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Status", response.Status.ToString(CultureInfo.InvariantCulture)),
            new("Server", ServerName),
            IsChunked(response)
                ? new("Transfer-Encoding", "chunked")
                : new("Content-Length", response.Body.Length.ToString(CultureInfo.InvariantCulture)),
            new("Content-Type", response.ContentType),
        };
        foreach (var header in response.Headers)
        {
            fields.RemoveAll(f => f.Key.Equals(header.Key, StringComparison.OrdinalIgnoreCase));
        }

        fields.AddRange(response.Headers);
        return fields;
    }

    /// <summary>Whether HTTP/1.1 sends the body chunked: when asked to, and to carry trailers.</summary>
    private static bool IsChunked(HttpMockResponse response) => response.ChunkSize is not null || response.Trailers.Count > 0;

    /// <summary>Writes a response; <paramref name="headOnly"/> for HEAD requests, <paramref name="close"/> when the client asked to close.</summary>
    public static async ValueTask WriteAsync(Stream output, HttpMockResponse response, bool headOnly, bool close, CancellationToken cancellationToken)
    {
        var userConnection = response.HasConnectionHeader;
        var userDate = response.HasDateHeader;
        var body = headOnly ? ReadOnlyMemory<byte>.Empty : response.Body;
        var chunked = IsChunked(response);
        var chunkSize = Math.Max(1, response.ChunkSize ?? body.Length);
        var chunkOverhead = chunked ? (body.Length / chunkSize + 2) * 16 + response.Trailers.Sum(t => Encoding.UTF8.GetByteCount(t.Key) + Encoding.UTF8.GetByteCount(t.Value) + 4) : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(response.Head.Length + 96 + body.Length + chunkOverhead);
        try
        {
            var length = 0;
            Append(buffer, ref length, response.Head);
            if (!userDate)
            {
                Append(buffer, ref length, CurrentDate());
            }

            if (!userConnection)
            {
                Append(buffer, ref length, close ? "Connection: close\r\n"u8 : "Connection: keep-alive\r\n"u8);
            }

            Append(buffer, ref length, "\r\n"u8);
            if (chunked && !headOnly)
            {
                for (var offset = 0; offset < body.Length; offset += chunkSize)
                {
                    var chunk = body.Span.Slice(offset, Math.Min(chunkSize, body.Length - offset));
                    Append(buffer, ref length, Encoding.ASCII.GetBytes(chunk.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
                    Append(buffer, ref length, chunk);
                    Append(buffer, ref length, "\r\n"u8);
                }

                Append(buffer, ref length, "0\r\n"u8);
                foreach (var (name, value) in response.Trailers)
                {
                    Append(buffer, ref length, Encoding.UTF8.GetBytes(name + ": " + value + "\r\n"));
                }

                Append(buffer, ref length, "\r\n"u8);
            }
            else
            {
                Append(buffer, ref length, body.Span);
            }

            await output.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A bare response for errors and refusals (no entry involved).</summary>
    public static HttpMockResponse Plain(int status, string body, IDictionary<string, string>? headers = null) =>
        new(body, status, headers);

    private static void Append(byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private static byte[] CurrentDate() => CurrentDateCache().Line;

    private static DateCache CurrentDateCache()
    {
        var now = DateTimeOffset.UtcNow;
        var cache = Volatile.Read(ref s_date);
        var second = now.ToUnixTimeSeconds();
        if (cache is null || cache.Second != second)
        {
            var value = now.ToString("r", CultureInfo.InvariantCulture);
            cache = new DateCache(second, Encoding.ASCII.GetBytes("Date: " + value + "\r\n"), value);
            Volatile.Write(ref s_date, cache);
        }

        return cache;
    }

    private sealed record DateCache(long Second, byte[] Line, string Value);
}
