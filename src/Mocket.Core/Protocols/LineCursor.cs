using System.Buffers;

namespace MocketNet.Protocols;

/// <summary>
/// For a pack's resumable reader: the line being read from bytes that arrive in pieces — where it starts and how far
/// the search for its LF has gone — so that however a line is split, each byte is searched once. Offsets count from
/// the start of the unconsumed bytes, which the pump hands again (with more after them) until a whole request is read.
/// What a bare LF or a stray CR means is the protocol's to say: the cursor reports them.
/// </summary>
public struct LineCursor
{
    private long _scanned;

    /// <summary>Where the line being read starts (between lines: where the next element starts).</summary>
    public long Start { readonly get; private set; }

    /// <summary>Bytes examined so far, over every line and skip (for tests that pin a reader as linear).</summary>
    public long Examined { readonly get; private set; }

    /// <summary>
    /// The line starting at <see cref="Start"/>, without its LF and without the CR before it, and the cursor moved past
    /// it; false when its LF has not arrived (the next call resumes the search where this one stopped).
    /// </summary>
    /// <param name="buffer">The bytes, from the start of what is being read: the same as last time, with more after them.</param>
    /// <param name="line">The line, without its line end.</param>
    /// <param name="endsInCrLf">Whether the line ended in CRLF (false: a bare LF).</param>
    public bool TryReadLine(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line, out bool endsInCrLf)
    {
        var from = Math.Max(_scanned, Start);
        var unread = buffer.Slice(from);
        var lf = unread.PositionOf((byte)'\n');
        if (lf is null)
        {
            Examined += unread.Length;
            _scanned = buffer.Length;
            (line, endsInCrLf) = (default, false);
            return false;
        }

        var end = from + unread.Slice(0, lf.Value).Length;
        Examined += end + 1 - from;
        line = buffer.Slice(Start, end - Start);
        Start = _scanned = end + 1;
        endsInCrLf = !line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';
        line = endsInCrLf ? line.Slice(0, line.Length - 1) : line;
        return true;
    }

    /// <summary>How many bytes of the current line have arrived (its end not found yet).</summary>
    /// <param name="buffer">The bytes, as given to <see cref="TryReadLine"/>.</param>
    public readonly long Pending(ReadOnlySequence<byte> buffer) => buffer.Length - Start;

    /// <summary>Moves to <paramref name="offset"/> past bytes read otherwise (a body, a bulk string), counting them as examined.</summary>
    /// <param name="offset">Where the next line starts.</param>
    public void Skip(long offset)
    {
        Examined += offset - Start;
        Start = _scanned = offset;
    }
}
