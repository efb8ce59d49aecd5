using System.Globalization;
using System.Text;

namespace MocketNet;

/// <summary>
/// A byte-level failure applied to one response on its way to the client, for any protocol (HTTP, Redis, raw):
/// the failures retry and timeout code exists for. Attach one with
/// <see cref="MocketResponseExtensions.WithFault{TResponse}(TResponse, MocketFault)"/>:
/// <c>HttpMockResponse.Json(user).WithFault(MocketFault.CloseAfter(40))</c>. The response is composed as usual,
/// then its bytes are reset, cut, withheld, dribbled, delayed or replaced; the client's own code meets the
/// failure and throws what it throws against a real server (docs/faults.md lists what each client does).
/// </summary>
public sealed class MocketFault
{
    private MocketFault(MocketFaultKind kind, int size = 0, TimeSpan interval = default, ReadOnlyMemory<byte> bytes = default)
    {
        Kind = kind;
        Size = size;
        Interval = interval;
        Bytes = bytes;
    }

    /// <summary>What happens to the response's bytes.</summary>
    public MocketFaultKind Kind { get; }

    /// <summary>How long the server waits before its first byte (or before the reset, the close, the stall).</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>For <see cref="MocketFaultKind.CloseAfter"/>, the bytes sent before the close; for <see cref="MocketFaultKind.Dribble"/>, the size of each piece.</summary>
    public int Size { get; }

    /// <summary>For <see cref="MocketFaultKind.Dribble"/>, the pause between pieces.</summary>
    public TimeSpan Interval { get; }

    /// <summary>For <see cref="MocketFaultKind.Malformed"/>, the bytes sent instead of the response.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The connection is reset instead of answered: the client's read fails as on a TCP reset ("Connection reset by peer").</summary>
    public static MocketFault Reset() => new(MocketFaultKind.Reset);

    /// <summary>
    /// The first <paramref name="bytes"/> bytes of the response are sent, then the connection is closed gracefully:
    /// a truncated head (fewer bytes than the head) or a truncated body.
    /// </summary>
    /// <param name="bytes">How many bytes arrive, from 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public static MocketFault CloseAfter(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new(MocketFaultKind.CloseAfter, size: bytes);
    }

    /// <summary>
    /// Nothing is ever sent on this connection again: the server reads and ignores what the client sends, so the
    /// client's own timeout fires (HttpClient.Timeout, a CancellationToken, StackExchange.Redis' timeouts). The
    /// connection ends when the client closes it or the scope closes.
    /// </summary>
    public static MocketFault Stall() => new(MocketFaultKind.Stall);

    /// <summary>The response is sent whole, in pieces of <paramref name="pieceBytes"/> bytes with <paramref name="interval"/> between them: a slow server.</summary>
    /// <param name="pieceBytes">Bytes per piece, from 1.</param>
    /// <param name="interval">The pause before each piece after the first.</param>
    /// <exception cref="ArgumentOutOfRangeException">A piece is empty or the interval negative.</exception>
    public static MocketFault Dribble(int pieceBytes, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pieceBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        return new(MocketFaultKind.Dribble, size: pieceBytes, interval: interval);
    }

    /// <summary>
    /// <paramref name="bytes"/> are sent instead of the response, as they are: a bad status line, a bad chunk size, a bad
    /// RESP type byte. The connection stays open, as a broken server's would.
    /// </summary>
    /// <param name="bytes">The bytes (copied).</param>
    public static MocketFault Malformed(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new(MocketFaultKind.Malformed, bytes: (byte[])[.. bytes]);
    }

    /// <summary>Like <see cref="Malformed(byte[])"/>, with <paramref name="text"/> sent as UTF-8 (<c>"HTTP/1.1 abc\r\n\r\n"</c>).</summary>
    /// <param name="text">The text.</param>
    public static MocketFault Malformed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(MocketFaultKind.Malformed, bytes: Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The response is sent whole after <paramref name="delay"/>: latency before the first byte.</summary>
    /// <param name="delay">The wait.</param>
    public static MocketFault Latency(TimeSpan delay) => new MocketFault(MocketFaultKind.Latency).After(delay);

    /// <summary>The same fault, after <paramref name="delay"/> (<c>MocketFault.Reset().After(TimeSpan.FromSeconds(1))</c>).</summary>
    /// <param name="delay">The wait before the first byte, the reset, the close or the stall.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public MocketFault After(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(Kind, Size, Interval, Bytes) { Delay = delay };
    }

    /// <summary>The fault as reports show it: <c>Reset</c>, <c>CloseAfter(40) after 00:00:01</c>.</summary>
    public override string ToString()
    {
        var text = Kind switch
        {
            MocketFaultKind.CloseAfter => string.Create(CultureInfo.InvariantCulture, $"CloseAfter({Size})"),
            MocketFaultKind.Dribble => string.Create(CultureInfo.InvariantCulture, $"Dribble({Size} bytes every {Interval})"),
            MocketFaultKind.Malformed => string.Create(CultureInfo.InvariantCulture, $"Malformed({Bytes.Length} bytes)"),
            _ => Kind.ToString(),
        };
        return Delay > TimeSpan.Zero && Kind != MocketFaultKind.Latency ? $"{text} after {Delay}" : text;
    }
}
