using System.Buffers;
using System.Globalization;
using MocketNet.Protocols;

namespace MocketNet.Http.Codec;

/// <summary>
/// Reads a chunked body (RFC 9112 §7.1: chunks, the last chunk, trailer fields) from bytes that arrive in pieces:
/// it keeps its place between calls, so each byte is read once however the body is split, and it consumes
/// nothing until the whole body is in. With <c>decode</c> it collects the data; otherwise it only finds the end.
/// </summary>
/// <param name="decode">Whether to collect the data (else only find the end).</param>
/// <param name="response">Whether the body is a real server's reply (its errors say so).</param>
/// <param name="maxLine">The longest chunk-size line or trailer field.</param>
/// <param name="maxBody">The most data bytes accepted (a request's <see cref="HttpMockLimits.MaxBodyLength"/>).</param>
internal sealed class ChunkedBodyReader(bool decode, bool response, int maxLine = ChunkedBodyReader.MaxReplyLine, long maxBody = long.MaxValue)
{
    /// <summary>The longest chunk-size line or trailer field accepted in a real server's reply.</summary>
    public const int MaxReplyLine = 64 * 1024;

    private long _bodyLength;

    private readonly ArrayBufferWriter<byte>? _data = decode ? new() : null;
    private LineCursor _line;
    private Part _part;
    private long _remaining;
    private List<KeyValuePair<string, string>>? _trailers;

    private enum Part
    {
        SizeLine,
        Data,
        DataEnd,
        Trailers,
    }

    /// <summary>The data, chunk framing removed (empty unless decoding).</summary>
    public byte[] Body => _data?.WrittenSpan.ToArray() ?? [];

    /// <summary>The trailer fields, in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Trailers => _trailers ?? [];

    /// <summary>Bytes examined so far.</summary>
    public long Examined => _line.Examined;

    /// <summary>
    /// Reads on from where the last call stopped; true once the last chunk and the trailer section are in, with
    /// <paramref name="length"/> the bytes the chunked body takes from the start of <paramref name="body"/>.
    /// </summary>
    /// <param name="body">The bytes from the start of the chunked body: the same as last time, with more after them.</param>
    /// <param name="length">The length of the whole chunked body.</param>
    /// <exception cref="HttpFormatException">The body is not chunked as RFC 9112 says.</exception>
    public bool TryRead(ReadOnlySequence<byte> body, out long length)
    {
        length = 0;
        while (true)
        {
            switch (_part)
            {
                case Part.SizeLine or Part.Trailers:
                    if (!TryReadLine(body, out var line))
                    {
                        return false;
                    }

                    if (_part == Part.Trailers)
                    {
                        if (line.IsEmpty)
                        {
                            length = _line.Start;
                            return true;
                        }

                        (_trailers ??= []).Add(HttpSyntax.ParseField(line.IsSingleSegment ? line.FirstSpan : line.ToArray(), response));
                        break;
                    }

                    _remaining = ParseSize(line);
                    _bodyLength += _remaining;
                    if (_bodyLength > maxBody)
                    {
                        throw HttpFormatException.OverLimit(HttpFormatError.BodyTooLarge, maxBody);
                    }

                    _part = _remaining == 0 ? Part.Trailers : Part.Data;
                    break;
                case Part.Data:
                    var available = Math.Min(_remaining, body.Length - _line.Start);
                    if (_data is not null)
                    {
                        foreach (var segment in body.Slice(_line.Start, available))
                        {
                            _data.Write(segment.Span);
                        }
                    }

                    _line.Skip(_line.Start + available);
                    _remaining -= available;
                    if (_remaining > 0)
                    {
                        return false;
                    }

                    _part = Part.DataEnd;
                    break;
                default:
                    if (body.Length - _line.Start < 2)
                    {
                        return false;
                    }

                    var end = body.Slice(_line.Start, 2);
                    if (!(end.IsSingleSegment ? end.FirstSpan : end.ToArray()).SequenceEqual("\r\n"u8))
                    {
                        throw HttpFormatException.In(response, HttpFormatError.UnterminatedChunk);
                    }

                    _line.Skip(_line.Start + 2);
                    _part = Part.SizeLine;
                    break;
            }
        }
    }

    private bool TryReadLine(ReadOnlySequence<byte> body, out ReadOnlySequence<byte> line)
    {
        // The limit holds however the line arrives: a line too long is rejected whether its end has arrived or not
        // (before, one that arrived whole was accepted; found by fuzz/run http-chunked). A pending line may end in
        // the CR of its CRLF, which does not count.
        if (_line.TryReadLine(body, out line, out var endsInCrLf))
        {
            if (line.Length > maxLine)
            {
                throw LineTooLong();
            }

            HttpSyntax.RequireCrLf(endsInCrLf, line, response);
            return true;
        }

        return _line.Pending(body) <= maxLine + 1 ? false : throw LineTooLong();
    }

    private HttpFormatException LineTooLong() => HttpFormatException.In(
        response, HttpFormatError.LineTooLong,
        $"{(_part == Part.SizeLine ? "a chunk-size line" : "a trailer field")} is longer than {maxLine.ToString(CultureInfo.InvariantCulture)} bytes");

    private long ParseSize(ReadOnlySequence<byte> line)
    {
        var text = HttpSyntax.Latin1(line);
        var extension = text.IndexOf(';', StringComparison.Ordinal);
        var digits = (extension >= 0 ? text[..extension] : text).Trim();
        if (digits.Length is 0 or > 15 || !long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw HttpFormatException.In(response, HttpFormatError.InvalidChunkSize, text);
        }

        return size;
    }
}
