using System.Buffers;
using MocketNet.Http.Codec;

namespace MocketNet.Http.Protocol;

/// <summary>Cuts a real server's whole reply (interim 1xx responses included) from the front of what it has sent, for pass-through.</summary>
internal static class HttpResponseFraming
{
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>
    /// Cuts one whole reply; false when more bytes are needed (nothing consumed). Once the server has closed
    /// (<paramref name="completed"/>), whatever is left is the reply. <paramref name="untilClose"/> tells that the
    /// reply's body was delimited by the close, so the client's connection must close after it.
    /// </summary>
    /// <exception cref="MocketProtocolException">The reply's framing is malformed.</exception>
    public static bool TryCut(ref ReadOnlySequence<byte> buffer, bool completed, bool headRequest, out ReadOnlySequence<byte> response, out bool untilClose)
    {
        response = default;
        untilClose = false;
        var reader = new SequenceReader<byte>(buffer);
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, HeadEnd, advancePastDelimiter: true))
            {
                return TakeAllIfCompleted(ref buffer, completed, out response);
            }

            var head = HttpResponseHead.Parse(headBytes);
            if (head.IsInterim)
            {
                continue;
            }

            var body = head.Body(headRequest);
            switch (body.Kind)
            {
                case HttpResponseBodyKind.Chunked:
                    if (!new ChunkedBodyReader(decode: false, response: true).TryRead(reader.UnreadSequence, out var chunkedLength))
                    {
                        return TakeAllIfCompleted(ref buffer, completed, out response);
                    }

                    reader.Advance(chunkedLength);
                    break;
                case HttpResponseBodyKind.ContentLength when reader.Remaining < body.Length:
                    return TakeAllIfCompleted(ref buffer, completed, out response);
                case HttpResponseBodyKind.ContentLength:
                    reader.Advance(body.Length);
                    break;
                case HttpResponseBodyKind.UntilClose:
                    untilClose = true;
                    return TakeAllIfCompleted(ref buffer, completed, out response);
            }

            response = buffer.Slice(0, reader.Position);
            buffer = buffer.Slice(reader.Position);
            return true;
        }
    }

    private static bool TakeAllIfCompleted(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySequence<byte> response)
    {
        response = buffer;
        if (!completed || buffer.IsEmpty)
        {
            return false;
        }

        buffer = buffer.Slice(buffer.End);
        return true;
    }
}
