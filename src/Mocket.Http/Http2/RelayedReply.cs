using System.Buffers;
using MocketNet.Http.Codec;
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
        var rest = new ReadOnlySequence<byte>(reply);
        while (true)
        {
            var reader = new SequenceReader<byte>(rest);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, "\r\n\r\n"u8, advancePastDelimiter: true))
            {
                throw new IOException("The reply relayed to an HTTP/2 stream is not a whole HTTP/1.1 response (its head does not end).");
            }

            var head = HttpResponseHead.Parse(headBytes);
            if (head.IsInterim)
            {
                rest = reader.UnreadSequence;
                continue;
            }

            var body = reader.UnreadSequence;
            IReadOnlyList<KeyValuePair<string, string>> trailers = [];
            byte[] content;
            var framing = head.Body(headRequest: false);
            if (framing.Kind == HttpResponseBodyKind.Chunked)
            {
                var chunked = new ChunkedBodyReader(decode: true, response: true);
                if (!chunked.TryRead(body, out _))
                {
                    throw new IOException("The reply relayed to an HTTP/2 stream ends inside its chunked body.");
                }

                content = chunked.Body;
                trailers = chunked.Trailers;
            }
            else
            {
                content = (framing.Kind == HttpResponseBodyKind.ContentLength ? body.Slice(0, Math.Min(framing.Length, body.Length)) : body).ToArray();
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in head.Fields)
            {
                if (!s_hopByHop.Contains(name))
                {
                    fields[name] = fields.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
                }
            }

            var response = new HttpMockResponse(content, head.Status, fields);
            return trailers.Count == 0 ? response : response.WithTrailers(trailers.ToDictionary(t => t.Key, t => t.Value, StringComparer.OrdinalIgnoreCase));
        }
    }
}
