using System.Buffers;
using System.Globalization;
using MocketNet.Http.Parsing;

namespace MocketNet.Http.Protocol;

/// <summary>Cuts a real server's whole reply (interim 1xx responses included) from the front of what it has sent, for pass-through.</summary>
internal static class HttpResponseFraming
{
    public static bool TryCut(ref ReadOnlySequence<byte> buffer, bool completed, bool headRequest, out ReadOnlySequence<byte> response)
    {
        response = default;
        var reader = new SequenceReader<byte>(buffer);
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: true))
            {
                return TakeAllIfCompleted(ref buffer, completed, out response);
            }

            var lines = HttpRequestParser.Latin1(head).Split("\r\n");
            var status = lines[0].Length >= 12 && int.TryParse(lines[0].AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
            if (status is >= 100 and < 200 and not 101)
            {
                continue;
            }

            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .Select(p => new KeyValuePair<string, string>(p[0], p[1].Trim())).ToList();
            if (!(headRequest || status is 204 or 304 || status == 101))
            {
                var framing = BodyFraming.Of(headers);
                if (framing.Chunked)
                {
                    if (!HttpRequestParser.TryScanChunked(ref reader, out _))
                    {
                        return TakeAllIfCompleted(ref buffer, completed, out response);
                    }
                }
                else if (headers.Exists(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
                {
                    if (reader.Remaining < framing.ContentLength)
                    {
                        return TakeAllIfCompleted(ref buffer, completed, out response);
                    }

                    reader.Advance(framing.ContentLength);
                }
                else
                {
                    // No framing: the body ends when the server closes.
                    return TakeAllIfCompleted(ref buffer, completed, out response);
                }
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
