using System.Buffers;
using System.Globalization;

namespace MocketNet.Redis.Codec;

/// <summary>
/// The line being read from RESP bytes that arrive in pieces: where it starts and how far the search for its LF has
/// gone, so each byte is searched once however the line is split. Offsets count from the start of the unconsumed
/// bytes, which the caller hands again (with more after them) until a whole value or command is read.
/// </summary>
internal struct RespLine
{
    private long _scanned;

    /// <summary>Where the line being read starts (and, between lines, where the next element starts).</summary>
    public long Start { get; private set; }

    /// <summary>Bytes examined so far (for the tests that pin the reading as linear).</summary>
    public long Examined { get; private set; }

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
        var unread = buffer.Slice(Math.Max(_scanned, Start));
        var lf = unread.PositionOf((byte)'\n');
        if (lf is null)
        {
            Examined += unread.Length;
            _scanned = buffer.Length;
            if (buffer.Length - Start > maxLength + 2)
            {
                throw RespFormatException.Create(RespFormatError.LineTooLong, Start, $"{what} is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} bytes");
            }

            line = default;
            return false;
        }

        var end = buffer.Length - unread.Length + unread.Slice(0, lf.Value).Length;
        Examined += end + 1 - Math.Max(_scanned, Start);
        var start = Start;
        line = buffer.Slice(start, end - start);
        MoveTo(end + 1);
        var endsInCr = !line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';
        if (!endsInCr && !inline)
        {
            throw RespFormatException.Create(RespFormatError.BareLineFeed, end, what);
        }

        line = endsInCr ? line.Slice(0, line.Length - 1) : line;
        if (!inline && line.PositionOf((byte)'\r') is not null)
        {
            throw RespFormatException.Create(RespFormatError.BareCarriageReturn, start, what);
        }

        if (line.Length > maxLength)
        {
            throw RespFormatException.Create(RespFormatError.LineTooLong, start, $"{what} is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        return true;
    }

    /// <summary>Moves to <paramref name="offset"/> past bytes read otherwise (a bulk string's data), counting them as examined.</summary>
    public void Skip(long offset)
    {
        Examined += offset - Start;
        MoveTo(offset);
    }

    private void MoveTo(long offset) => Start = _scanned = offset;
}
