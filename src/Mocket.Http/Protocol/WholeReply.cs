using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Http.Codec;

namespace MocketNet.Http.Protocol;

/// <summary>
/// A whole HTTP/1.1 reply read from its bytes (a recording's, a real server's): its heads as text (interim ones too), the
/// final head, and the body with its framing removed and its trailers.
/// </summary>
internal sealed record WholeReply(string Heads, HttpResponseHead Head, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Trailers)
{
    /// <summary>Reads a reply; false when the bytes end before its head or its chunked body does.</summary>
    /// <exception cref="MocketProtocolException">The head's framing is contradictory or the chunked body is malformed.</exception>
    public static bool TryRead(ReadOnlyMemory<byte> reply, [NotNullWhen(true)] out WholeReply? whole)
    {
        whole = null;
        var heads = string.Empty;
        var rest = new ReadOnlySequence<byte>(reply);
        while (true)
        {
            var reader = new SequenceReader<byte>(rest);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, "\r\n\r\n"u8, advancePastDelimiter: true))
            {
                return false;
            }

            heads += HttpSyntax.Latin1(headBytes) + "\r\n\r\n";
            var head = HttpResponseHead.Parse(headBytes);
            if (head.IsInterim)
            {
                rest = reader.UnreadSequence;
                continue;
            }

            var body = reader.UnreadSequence;
            var framing = head.Body(headRequest: false);
            switch (framing.Kind)
            {
                case HttpResponseBodyKind.Chunked:
                    var chunked = new ChunkedBodyReader(decode: true, response: true);
                    if (!chunked.TryRead(body, out _))
                    {
                        return false;
                    }

                    whole = new WholeReply(heads, head, chunked.Body, chunked.Trailers);
                    return true;
                case HttpResponseBodyKind.ContentLength:
                    whole = new WholeReply(heads, head, body.Slice(0, Math.Min(framing.Length, body.Length)).ToArray(), []);
                    return true;
                default:
                    whole = new WholeReply(heads, head, body.ToArray(), []);
                    return true;
            }
        }
    }
}
