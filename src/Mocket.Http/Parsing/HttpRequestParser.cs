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

    // Strings a request line or field name usually spells: shared instead of allocated per request.
    private static readonly string[] s_methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
    private static readonly string[] s_fieldNames =
    [
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Content-Type", "Content-Length",
        "Transfer-Encoding", "Connection", "Authorization", "Cookie", "Expect", "traceparent", "tracestate",
    ];

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

        // The head is read line by line from its bytes: only the parts kept become strings.
        var rest = head.IsSingleSegment ? head.FirstSpan : head.ToArray();
        var (method, target, version) = ParseRequestLine(NextLine(ref rest));
        var headers = new List<KeyValuePair<string, string>>(8);
        while (!rest.IsEmpty)
        {
            headers.Add(ParseHeaderLine(NextLine(ref rest)));
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

            trailers.Add(ParseHeaderLine(line.IsSingleSegment ? line.FirstSpan : line.ToArray()));
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

    /// <summary>The text up to the next CRLF (or the end), and <paramref name="rest"/> moved past it.</summary>
    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf(Crlf);
        var line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[(end + Crlf.Length)..];
        return line;
    }

    private static (string Method, string Target, string Version) ParseRequestLine(ReadOnlySpan<byte> line)
    {
        var firstSpace = line.IndexOf((byte)' ');
        var secondSpace = firstSpace < 0 ? -1 : line[(firstSpace + 1)..].IndexOf((byte)' ');
        if (firstSpace <= 0 || secondSpace <= 0 || line[(firstSpace + secondSpace + 2)..].Contains((byte)' '))
        {
            throw Malformed($"\"{Printable(Latin1(line))}\" is not a request line (METHOD SP target SP HTTP/1.1)");
        }

        var methodBytes = line[..firstSpace];
        var targetBytes = line.Slice(firstSpace + 1, secondSpace);
        var versionBytes = line[(firstSpace + secondSpace + 2)..];
        foreach (var b in methodBytes)
        {
            if (!IsTokenChar((char)b))
            {
                throw Malformed($"the method \"{Printable(Latin1(methodBytes))}\" holds a character that is not allowed in a method name");
            }
        }

        var version = versionBytes.SequenceEqual("HTTP/1.1"u8) ? "HTTP/1.1"
            : versionBytes.SequenceEqual("HTTP/1.0"u8) ? "HTTP/1.0"
            : throw Malformed($"the version \"{Printable(Latin1(versionBytes))}\" is not HTTP/1.1 or HTTP/1.0 (Mocket serves HTTP/1.x; HTTP/2 clients must be forced to 1.1)");

        foreach (var b in targetBytes)
        {
            if (b <= ' ' || b >= 0x7F)
            {
                throw Malformed($"the request target \"{Printable(Latin1(targetBytes))}\" holds a space, control or non-ASCII character");
            }
        }

        return (KnownOrNew(methodBytes, s_methods), Latin1(targetBytes), version);
    }

    private static KeyValuePair<string, string> ParseHeaderLine(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw Malformed($"the header line \"{Printable(Latin1(line))}\" has no field name followed by ':'");
        }

        var name = line[..colon];
        foreach (var b in name)
        {
            if (!IsTokenChar((char)b))
            {
                throw Malformed($"the header field name \"{Printable(Latin1(name))}\" holds a character that is not allowed (white space before ':' is not allowed either)");
            }
        }

        return new(KnownOrNew(name, s_fieldNames), Latin1(line[(colon + 1)..].Trim(" \t"u8)));
    }

    /// <summary>The interned string when <paramref name="bytes"/> spell one of <paramref name="known"/> exactly, else a new one.</summary>
    private static string KnownOrNew(ReadOnlySpan<byte> bytes, string[] known)
    {
        foreach (var candidate in known)
        {
            if (candidate.Length == bytes.Length && Ascii.Equals(bytes, candidate))
            {
                return candidate;
            }
        }

        return Latin1(bytes);
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

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    internal static string Printable(string text)
    {
        var shown = text.Length > 100 ? text[..100] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '.' : c));
    }

    internal static MocketProtocolException Malformed(string what) =>
        new($"Mocket received a malformed HTTP request: {what}. The fake answered 400 Bad Request and closed the connection; " +
            "check the client (or the bytes written to Mocket.Connect) sends HTTP/1.1.");
}
