using System.Buffers;
using System.Globalization;
using System.Text;

namespace MocketNet.Http.Parsing;

/// <summary>
/// An incremental HTTP/1.1 request parser in the style of Kestrel's: it either cuts one whole request
/// (request line, header fields, Content-Length or chunked body with trailers) from the front of the
/// buffer, or returns false and consumes nothing; malformed input throws <see cref="MocketProtocolException"/>.
/// Scanning for the end of a request allocates nothing; only a whole request is materialised.
/// </summary>
internal static class HttpRequestParser
{
    /// <summary>The longest request head (request line and header fields) accepted.</summary>
    public const int MaxHeadLength = 64 * 1024;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <summary>Tries to cut one request. <paramref name="expectsContinue"/> is true when the head is complete, says <c>Expect: 100-continue</c> and the body has not all arrived.</summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, out ParsedHttpRequest? request, out bool expectsContinue)
    {
        request = null;
        expectsContinue = false;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd, advancePastDelimiter: true))
        {
            if (buffer.Length > MaxHeadLength)
            {
                throw Malformed($"the request head is longer than {MaxHeadLength.ToString(CultureInfo.InvariantCulture)} bytes without ending in an empty line");
            }

            return false;
        }

        if (head.Length > MaxHeadLength)
        {
            throw Malformed($"the request head is longer than {MaxHeadLength.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        var headText = Latin1(head);
        var lines = headText.Split("\r\n");
        var (method, target, version) = ParseRequestLine(lines[0]);
        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            headers.Add(ParseHeaderLine(lines[i]));
        }

        var framing = BodyFraming.Of(headers);
        byte[] body;
        if (framing.Chunked)
        {
            var start = reader.Position;
            if (!TryScanChunked(ref reader, out var trailers))
            {
                expectsContinue = ExpectsContinue(headers);
                return false;
            }

            body = Dechunk(buffer.Slice(start, reader.Position));
            headers.AddRange(trailers);
        }
        else
        {
            if (reader.Remaining < framing.ContentLength)
            {
                expectsContinue = ExpectsContinue(headers);
                return false;
            }

            body = reader.UnreadSequence.Slice(0, framing.ContentLength).ToArray();
            reader.Advance(framing.ContentLength);
        }

        request = new ParsedHttpRequest(method, target, version, headers, body);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    /// <summary>Skips a chunked body (chunks, last chunk, trailer fields); false when it has not all arrived.</summary>
    internal static bool TryScanChunked(ref SequenceReader<byte> reader, out List<KeyValuePair<string, string>> trailers)
    {
        trailers = [];
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> sizeLine, Crlf, advancePastDelimiter: true))
            {
                ThrowIfLineTooLong(reader.Remaining, "a chunk size line");
                return false;
            }

            var size = ParseChunkSize(sizeLine);
            if (size == 0)
            {
                return TryScanTrailers(ref reader, trailers);
            }

            if (reader.Remaining < size + 2)
            {
                return false;
            }

            reader.Advance(size);
            if (!reader.IsNext(Crlf, advancePast: true))
            {
                throw Malformed("a chunk's data is not followed by CRLF (the chunk is longer than its size says)");
            }
        }
    }

    private static bool TryScanTrailers(ref SequenceReader<byte> reader, List<KeyValuePair<string, string>> trailers)
    {
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, Crlf, advancePastDelimiter: true))
            {
                ThrowIfLineTooLong(reader.Remaining, "a trailer field");
                return false;
            }

            if (line.IsEmpty)
            {
                return true;
            }

            trailers.Add(ParseHeaderLine(Latin1(line)));
        }
    }

    internal static byte[] Dechunk(ReadOnlySequence<byte> chunked)
    {
        var output = new ArrayBufferWriter<byte>((int)Math.Min(chunked.Length, int.MaxValue));
        var reader = new SequenceReader<byte>(chunked);
        while (reader.TryReadTo(out ReadOnlySequence<byte> sizeLine, Crlf, advancePastDelimiter: true))
        {
            var size = ParseChunkSize(sizeLine);
            if (size == 0)
            {
                break;
            }

            foreach (var segment in reader.UnreadSequence.Slice(0, size))
            {
                output.Write(segment.Span);
            }

            reader.Advance(size + 2);
        }

        return output.WrittenSpan.ToArray();
    }

    private static long ParseChunkSize(ReadOnlySequence<byte> line)
    {
        var text = Latin1(line);
        var extension = text.IndexOf(';', StringComparison.Ordinal);
        var digits = (extension >= 0 ? text[..extension] : text).Trim();
        if (digits.Length is 0 or > 15 || !long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw Malformed($"\"{Printable(text)}\" is not a chunk size (hexadecimal digits, optionally followed by ;extensions)");
        }

        return size;
    }

    private static (string Method, string Target, string Version) ParseRequestLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw Malformed($"\"{Printable(line)}\" is not a request line (METHOD SP target SP HTTP/1.1)");
        }

        foreach (var c in parts[0])
        {
            if (!IsTokenChar(c))
            {
                throw Malformed($"the method \"{Printable(parts[0])}\" holds a character that is not allowed in a method name");
            }
        }

        if (parts[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            throw Malformed($"the version \"{Printable(parts[2])}\" is not HTTP/1.1 or HTTP/1.0 (Mocket serves HTTP/1.x; HTTP/2 clients must be forced to 1.1)");
        }

        foreach (var c in parts[1])
        {
            if (c <= ' ' || c >= 0x7F)
            {
                throw Malformed($"the request target \"{Printable(parts[1])}\" holds a space, control or non-ASCII character");
            }
        }

        return (parts[0], parts[1], parts[2]);
    }

    private static KeyValuePair<string, string> ParseHeaderLine(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Malformed($"the header line \"{Printable(line)}\" has no field name followed by ':'");
        }

        for (var i = 0; i < colon; i++)
        {
            if (!IsTokenChar(line[i]))
            {
                throw Malformed($"the header field name \"{Printable(line[..colon])}\" holds a character that is not allowed (white space before ':' is not allowed either)");
            }
        }

        return new(line[..colon], line[(colon + 1)..].Trim(' ', '\t'));
    }

    private static bool ExpectsContinue(List<KeyValuePair<string, string>> headers) =>
        headers.Exists(h => h.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase) && h.Value.Equals("100-continue", StringComparison.OrdinalIgnoreCase));

    private static void ThrowIfLineTooLong(long remaining, string what)
    {
        if (remaining > MaxHeadLength)
        {
            throw Malformed($"{what} is longer than {MaxHeadLength.ToString(CultureInfo.InvariantCulture)} bytes without a CRLF");
        }
    }

    internal static bool IsTokenChar(char c) =>
        c is > ' ' and < (char)0x7F and not ('(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=' or '{' or '}');

    internal static string Latin1(ReadOnlySequence<byte> bytes) => Encoding.Latin1.GetString(bytes);

    internal static string Printable(string text)
    {
        var shown = text.Length > 100 ? text[..100] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '.' : c));
    }

    internal static MocketProtocolException Malformed(string what) =>
        new($"Mocket received a malformed HTTP request: {what}. The fake answered 400 Bad Request and closed the connection; " +
            "check the client (or the bytes written to Mocket.Connect) sends HTTP/1.1.");
}
