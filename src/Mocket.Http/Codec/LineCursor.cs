using System.Buffers;

namespace MocketNet.Http.Codec;

/// <summary>
/// The line being read from bytes that arrive in pieces: where it starts and how far the search for its LF has
/// gone, so that however a line is split, each byte is searched once. Offsets count from the start of the
/// unconsumed bytes, which the caller hands again (with more after them) until a whole message is read.
/// </summary>
internal struct LineCursor
{
    private long _scanned;

    /// <summary>Where the line being read starts.</summary>
    public long Start { get; private set; }

    /// <summary>Bytes searched so far, over every line (for the tests that pin the reading as linear).</summary>
    public long Examined { get; private set; }

    /// <summary>
    /// The next whole line, its CRLF removed, and the cursor moved past it; false when its end has not arrived yet
    /// (the next call resumes the search where this one stopped).
    /// </summary>
    /// <exception cref="HttpFormatException">The line ends in a bare LF.</exception>
    public bool TryRead(ReadOnlySequence<byte> buffer, bool response, out ReadOnlySequence<byte> line)
    {
        var unread = buffer.Slice(_scanned);
        var lf = unread.PositionOf((byte)'\n');
        if (lf is null)
        {
            Examined += unread.Length;
            _scanned = buffer.Length;
            line = default;
            return false;
        }

        var end = _scanned + unread.Slice(0, lf.Value).Length;
        Examined += end + 1 - _scanned;
        line = buffer.Slice(Start, end - Start);
        MoveTo(end + 1);
        if (line.IsEmpty || LastByte(line) != (byte)'\r')
        {
            throw HttpFormatException.In(response, HttpFormatError.BareLineFeed, HttpSyntax.Latin1(line));
        }

        line = line.Slice(0, line.Length - 1);
        return true;
    }

    /// <summary>The length of the line read so far (its end not found yet).</summary>
    public readonly long Pending(ReadOnlySequence<byte> buffer) => buffer.Length - Start;

    /// <summary>Starts the next line at <paramref name="offset"/> (after bytes read otherwise, such as chunk data).</summary>
    public void MoveTo(long offset) => Start = _scanned = offset;

    /// <summary>Counts bytes read otherwise (body data) as examined.</summary>
    public void Count(long bytes) => Examined += bytes;

    private static byte LastByte(ReadOnlySequence<byte> line) => line.Slice(line.Length - 1).FirstSpan[0];
}
