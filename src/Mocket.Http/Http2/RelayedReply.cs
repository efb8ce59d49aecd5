using MocketNet.Http.Protocol;

namespace MocketNet.Http.Http2;

/// <summary>
/// A reply Mocket did not compose — a real server's (pass-through) or a recording's, both HTTP/1.1 bytes — as a response an
/// HTTP/2 stream can carry: status, fields (hop-by-hop ones dropped), body with its framing removed, trailers kept.
/// </summary>
internal static class RelayedReply
{
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "Content-Length", "Trailer",
    };

    /// <exception cref="IOException">The bytes are not a whole HTTP/1.1 response.</exception>
    public static HttpMockResponse ToResponse(ReadOnlyMemory<byte> reply)
    {
        if (!WholeReply.TryRead(reply, out var whole))
        {
            throw new IOException("The reply relayed to an HTTP/2 stream is not a whole HTTP/1.1 response (its head or its chunked body does not end).");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in whole.Head.Fields)
        {
            if (!s_hopByHop.Contains(name))
            {
                fields[name] = fields.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }
        }

        var response = new HttpMockResponse(whole.Body, whole.Head.Status, fields);
        return whole.Trailers.Count == 0
            ? response
            : response.WithTrailers(whole.Trailers.ToDictionary(t => t.Key, t => t.Value, StringComparer.OrdinalIgnoreCase));
    }
}
