using System.Buffers;
using System.Globalization;
using MocketNet.Protocols;

namespace MocketNet.Redis.Codec;

/// <summary>The line being read from RESP bytes that arrive in pieces: Core's <see cref="LineCursor"/>, with RESP's rules for a line.</summary>
internal struct RespLine
{
    private LineCursor _cursor;

    /// <summary>Where the line being read starts (and, between lines, where the next element starts).</summary>
    public readonly long Start => _cursor.Start;

    /// <summary>Bytes examined so far (for the tests that pin the reading as linear).</summary>
    public readonly long Examined => _cursor.Examined;

    /// <summary>
    /// The line starting at <see cref="Start"/>, its CRLF removed, and the cursor moved past it; false when its end
    /// has not arrived (the next call resumes the search where this one stopped).
    /// </summary>
    /// <param name="buffer">The bytes, from the start of the value or command being read.</param>
    /// <param name="maxLength">The longest line accepted, CRLF excluded.</param>
    /// <param name="what">What the line is, for messages.</param>
    /// <param name="line">The line, CRLF removed.</param>
    /// <param name="inline">An inline command's line, which may end in a bare LF (as redis-server reads it).</param>
    /// <exception cref="RespFormatException">The line is longer than <paramref name="maxLength"/>, or holds a bare CR or LF.</exception>
    public bool TryRead(ReadOnlySequence<byte> buffer, int maxLength, string what, out ReadOnlySequence<byte> line, bool inline = false)
    {
        var start = _cursor.Start;
        if (!_cursor.TryReadLine(buffer, out line, out var endsInCrLf))
        {
            if (_cursor.Pending(buffer) > maxLength + 2)
            {
                throw TooLong(start, maxLength, what);
            }

            return false;
        }

        // Length first: a line too long is rejected as such before its end arrives (above), so it must be here too,
        // or the same bytes would be rejected for another reason when they arrive whole (found by fuzz/run resp).
        if (line.Length > maxLength)
        {
            throw TooLong(start, maxLength, what);
        }

        if (!endsInCrLf && !inline)
        {
            throw RespFormatException.Create(RespFormatError.BareLineFeed, _cursor.Start - 1, what);
        }

        return inline || line.PositionOf((byte)'\r') is null ? true : throw RespFormatException.Create(RespFormatError.BareCarriageReturn, start, what);
    }

    /// <summary>Moves to <paramref name="offset"/> past bytes read otherwise (a bulk string's data), counting them as examined.</summary>
    public void Skip(long offset) => _cursor.Skip(offset);

    private static RespFormatException TooLong(long start, int maxLength, string what) =>
        RespFormatException.Create(RespFormatError.LineTooLong, start, $"{what} is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} bytes");
}
