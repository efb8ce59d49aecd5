using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MocketNet.Redis.Codec;

/// <summary>
/// Cuts one connection's client commands from its bytes, as a Redis server does: a RESP array of bulk strings, or
/// an inline command (a line of space-separated tokens, as typed into telnet). A whole command in one span takes a
/// fast path; otherwise the reader keeps its place between calls (the arguments read, the line being searched, the
/// argument being waited for), so each byte is examined once however the command is split, and it consumes nothing
/// until a command is whole. The caller hands the same unconsumed bytes again, with more after them.
/// </summary>
internal sealed class RedisCommandReader(MocketLocation location, RedisMockLimits? limits = null)
{
    private readonly RedisMockLimits _limits = limits ?? RedisMockLimits.Default;

    // The first byte of a TLS ClientHello; no RESP type and no printable inline command starts with it.
    private const byte TlsHandshakeRecord = 0x16;

    private RespLine _line;
    private long _commandStart;
    private long _count = -1;
    private int _index;
    private string? _verb;
    private byte[][] _arguments = [];
    private long _bulkStart = -1;
    private long _bulkLength;
    private long _examinedBefore;

    /// <summary>Bytes examined so far, over every command read.</summary>
    public long Examined => _examinedBefore + _line.Examined;

    /// <summary>Reads one command; false when it has not all arrived (nothing consumed). Empty commands are skipped.</summary>
    /// <exception cref="RespFormatException">The bytes are not a Redis command.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RedisMockRequest? request)
    {
        request = null;
        if (_line.Start == 0 && _count < 0 && buffer.IsSingleSegment
            && TryReadWellFormedArray(buffer.FirstSpan, _limits.MaxBulkLength, out var consumed, out var fastVerb, out var fastArguments))
        {
            request = new RedisMockRequest(location.Host, location.Port, buffer.FirstSpan[..consumed].ToArray(), fastVerb, fastArguments);
            _examinedBefore += _line.Examined + consumed;

            // The line search may have begun on an earlier, shorter buffer (an array header still arriving): it is
            // over, or the next command's search would resume past the end of its bytes (found by fuzz/run resp).
            _line = default;
            buffer = buffer.Slice(consumed);
            return true;
        }

        while (buffer.Length > _line.Start)
        {
            var complete = _count >= 0 || FirstByte(buffer) == (byte)'*' ? TryReadArray(buffer) : TryReadInline(buffer);
            if (!complete)
            {
                return false;
            }

            if (_verb is null)
            {
                StartCommand(_line.Start); // an empty command: skipped, as redis-server does
                continue;
            }

            var end = _line.Start;
            request = new RedisMockRequest(location.Host, location.Port, buffer.Slice(_commandStart, end - _commandStart).ToArray(), _verb, _arguments);
            buffer = buffer.Slice(end);
            _examinedBefore += _line.Examined;
            _line = default;
            StartCommand(0);
            return true;
        }

        return false;
    }

    private byte FirstByte(ReadOnlySequence<byte> buffer)
    {
        var first = buffer.Slice(_line.Start, 1).FirstSpan[0];
        if (first == TlsHandshakeRecord)
        {
            throw RespFormatException.Create(RespFormatError.TlsHandshake, _line.Start);
        }

        return first;
    }

    private void StartCommand(long start)
    {
        (_commandStart, _count, _index, _verb, _arguments, _bulkStart) = (start, -1, 0, null, [], -1);
    }

    private bool TryReadArray(ReadOnlySequence<byte> buffer)
    {
        if (_count < 0)
        {
            var start = _line.Start;
            if (!_line.TryRead(buffer, RespLines.MaxNumberLine + 1, "the length of a command array", out var header))
            {
                return false;
            }

            _count = RespLines.ParseNumber(header.Slice(1), "the length of a command array", start);
            if (_count > _limits.MaxArguments)
            {
                throw RespFormatException.Create(
                    RespFormatError.LengthOutOfRange, start,
                    $"a command of {_count.ToString(CultureInfo.InvariantCulture)} arguments (RedisMockLimits.MaxArguments is {_limits.MaxArguments.ToString(CultureInfo.InvariantCulture)}; MockRedis.SetLimits raises it)");
            }

            _arguments = _count > 1 ? new byte[_count - 1][] : [];
        }

        while (_index < _count)
        {
            if (_bulkStart < 0 && !TryReadArgumentHeader(buffer))
            {
                return false;
            }

            var end = _bulkStart + _bulkLength;
            if (buffer.Length < end + 2)
            {
                return false;
            }

            var value = buffer.Slice(_bulkStart, _bulkLength);
            if (_index == 0)
            {
                _verb = RedisVerbs.Normalize(value);
            }
            else
            {
                _arguments[_index - 1] = value.ToArray();
            }

            var terminator = buffer.Slice(end, 2);
            if (!(terminator.IsSingleSegment ? terminator.FirstSpan : terminator.ToArray()).SequenceEqual("\r\n"u8))
            {
                throw RespFormatException.Create(
                    RespFormatError.UnterminatedBulk, end,
                    $"argument {(_index + 1).ToString(CultureInfo.InvariantCulture)} of {_bulkLength.ToString(CultureInfo.InvariantCulture)} bytes");
            }

            _line.Skip(end + 2);
            _bulkStart = -1;
            _index++;
        }

        return true;
    }

    private bool TryReadArgumentHeader(ReadOnlySequence<byte> buffer)
    {
        var start = _line.Start;
        if (buffer.Length <= start)
        {
            return false;
        }

        var prefix = buffer.Slice(start, 1).FirstSpan[0];
        if (prefix != (byte)'$')
        {
            throw RespFormatException.Create(
                RespFormatError.ExpectedBulkString, start, $"argument {(_index + 1).ToString(CultureInfo.InvariantCulture)} of a command, got '{(char)prefix}'");
        }

        if (!_line.TryRead(buffer, RespLines.MaxNumberLine + 1, "the length of a command argument", out var header))
        {
            return false;
        }

        var length = RespLines.ParseNumber(header.Slice(1), "the length of a command argument", start);
        if (length is < 0 or > RespLines.MaxBulkLength || length > _limits.MaxBulkLength)
        {
            throw RespFormatException.Create(
                RespFormatError.LengthOutOfRange, start,
                $"a command argument of {length.ToString(CultureInfo.InvariantCulture)} bytes (RedisMockLimits.MaxBulkLength is {_limits.MaxBulkLength.ToString(CultureInfo.InvariantCulture)}; MockRedis.SetLimits changes it)");
        }

        (_bulkStart, _bulkLength) = (_line.Start, length);
        return true;
    }

    private bool TryReadInline(ReadOnlySequence<byte> buffer)
    {
        var start = _line.Start;
        // An inline command may end in CRLF or a bare LF (redis-server accepts both).
        if (!_line.TryRead(buffer, _limits.MaxInlineLength, "an inline command", out var line, inline: true))
        {
            return false;
        }

        // Latin-1 maps every byte to one char and back, so the split stays binary-safe.
        string[] tokens;
        try
        {
            tokens = [.. CommandLine.Split(Encoding.Latin1.GetString(line))];
        }
        catch (ArgumentException ex)
        {
            throw RespFormatException.Create(RespFormatError.UnbalancedQuotes, start, ex.Message);
        }

        if (tokens.Length > 0)
        {
            _verb = RedisVerbs.Normalize(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(tokens[0])));
            _arguments = [.. tokens.Skip(1).Select(t => Encoding.Latin1.GetBytes(t))];
        }

        return true;
    }

    /// <summary>
    /// The common case, read straight from a span: one whole, well-formed command array of bulk strings.
    /// False for anything else (incomplete, malformed, empty, inline): the sequence reader then decides,
    /// and it alone says what is wrong.
    /// </summary>
    private static bool TryReadWellFormedArray(ReadOnlySpan<byte> span, long maxBulkLength, out int consumed, [NotNullWhen(true)] out string? verb, out byte[][] arguments)
    {
        consumed = 0;
        verb = null;
        arguments = [];
        if (span.IsEmpty || span[0] != (byte)'*')
        {
            return false;
        }

        var position = 1;
        if (!TryReadLength(span, ref position, out var count) || count is < 1 or > 1024)
        {
            return false;
        }

        var parsed = count > 1 ? new byte[count - 1][] : [];
        for (var i = 0; i < count; i++)
        {
            if (position >= span.Length || span[position] != (byte)'$')
            {
                return false;
            }

            position++;
            if (!TryReadLength(span, ref position, out var length) || length > maxBulkLength || span.Length - position < length + 2 ||
                span[position + length] != (byte)'\r' || span[position + length + 1] != (byte)'\n')
            {
                return false;
            }

            var value = span.Slice(position, length);
            if (i == 0)
            {
                verb = RedisVerbs.Normalize(value);
            }
            else
            {
                parsed[i - 1] = value.ToArray();
            }

            position += length + 2;
        }

        consumed = position;
        arguments = parsed;
        return verb is not null;
    }

    /// <summary>Up to nine decimal digits then CRLF, advancing past them.</summary>
    private static bool TryReadLength(ReadOnlySpan<byte> span, ref int position, out int value)
    {
        value = 0;
        var start = position;
        while (position < span.Length && span[position] is >= (byte)'0' and <= (byte)'9' && position - start < 9)
        {
            value = (value * 10) + (span[position] - '0');
            position++;
        }

        if (position == start || span.Length - position < 2 || span[position] != (byte)'\r' || span[position + 1] != (byte)'\n')
        {
            return false;
        }

        position += 2;
        return true;
    }
}
