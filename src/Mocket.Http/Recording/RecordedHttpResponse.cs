using System.Buffers;
using System.IO.Compression;
using System.Text;
using MocketNet.Http.Codec;
using MocketNet.Http.Protocol;
using MocketNet.Protocols;

namespace MocketNet.Http.Recording;

/// <summary>A real reply as a recording stores it (secrets redacted, self-delimiting) and its readable text.</summary>
internal static class RecordedHttpResponse
{
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>
    /// The reply with its header fields redacted; a reply whose body ended with the connection gets a
    /// Content-Length, so that its replay ends without closing. Heads with nothing to change keep their
    /// exact bytes; bytes that are not an HTTP reply come back unchanged.
    /// </summary>
    public static ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction)
    {
        var output = new ArrayBufferWriter<byte>(response.Length + 64);
        var rest = response;
        try
        {
            while (true)
            {
                var end = rest.Span.IndexOf(HeadEnd);
                if (end < 0)
                {
                    return response;
                }

                var head = HttpResponseHead.Parse(new ReadOnlySequence<byte>(rest[..end]));
                var body = rest[(end + HeadEnd.Length)..];
                var fields = head.Fields.Select(f => new KeyValuePair<string, string>(f.Key, HttpRedaction.Header(f.Key, f.Value, redaction))).ToList();
                var untilClose = !head.IsInterim && head.Body(RecordedHttpRequest.IsHead(request.Span)).Kind == HttpResponseBodyKind.UntilClose;
                if (untilClose)
                {
                    fields.Add(new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                if (untilClose || !fields.SequenceEqual(head.Fields))
                {
                    var text = new StringBuilder(head.StatusLine).Append("\r\n");
                    foreach (var (name, value) in fields)
                    {
                        text.Append(name).Append(": ").Append(value).Append("\r\n");
                    }

                    output.Write(Encoding.Latin1.GetBytes(text.Append("\r\n").ToString()));
                }
                else
                {
                    output.Write(rest.Span[..(end + HeadEnd.Length)]);
                }

                rest = body;
                if (!head.IsInterim)
                {
                    output.Write(rest.Span);
                    return output.WrittenMemory;
                }
            }
        }
        catch (MocketProtocolException)
        {
            return response;
        }
    }

    /// <summary>
    /// The <c>response_text</c> of a recorded reply: its heads, then its body decoded (chunked framing removed,
    /// gzip/deflate/br undone) when that is printable text, or a note of its size when it is binary. Bytes that
    /// are not an HTTP reply, or a body that cannot be decoded: the whole reply when printable, else null.
    /// </summary>
    /// <param name="response">The reply as recorded.</param>
    /// <param name="printable">Text of bytes that are printable UTF-8, else null.</param>
    public static string? Describe(ReadOnlyMemory<byte> response, Func<ReadOnlyMemory<byte>, string?> printable)
    {
        if (!TryDecode(response, out var heads, out var body))
        {
            return printable(response);
        }

        return body.Length == 0 ? heads
            : printable(body) is { } text ? heads + text
            : heads + $"[{body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes of binary body; the hex \"response\" is the reply]";
    }

    /// <summary>
    /// Splits a reply into its heads as text and its final body decoded (chunked framing removed, then
    /// gzip, deflate or br undone); false when the bytes are not an HTTP reply or the body cannot be decoded.
    /// </summary>
    private static bool TryDecode(ReadOnlyMemory<byte> response, out string heads, out byte[] body)
    {
        heads = string.Empty;
        body = [];
        try
        {
            if (!WholeReply.TryRead(response, out var whole))
            {
                return false;
            }

            (heads, body) = (whole.Heads, whole.Body);
            return TryDecompress(whole.Head.Get("Content-Encoding"), ref body);
        }
        catch (Exception ex) when (ex is MocketProtocolException or InvalidDataException)
        {
            return false;
        }
    }

    private static bool TryDecompress(string? contentEncoding, ref byte[] body)
    {
        if (contentEncoding is null || body.Length == 0)
        {
            return true;
        }

        foreach (var coding in Enumerable.Reverse(contentEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var input = new MemoryStream(body);
            using Stream? decoder = coding.ToUpperInvariant() switch
            {
                "GZIP" or "X-GZIP" => new GZipStream(input, CompressionMode.Decompress),
                "DEFLATE" => body[0] == 0x78 ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress),
                "BR" => new BrotliStream(input, CompressionMode.Decompress),
                "IDENTITY" => null,
                _ => throw new InvalidDataException($"unknown content coding {coding}"),
            };
            if (decoder is not null)
            {
                using var decoded = new MemoryStream();
                decoder.CopyTo(decoded);
                body = decoded.ToArray();
            }
        }

        return true;
    }
}
