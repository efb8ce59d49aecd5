using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MocketNet.Redis.Codec;

/// <summary>
/// Cuts client commands from a byte stream, as a Redis server does: a RESP array of bulk strings, or an
/// inline command (a line of space-separated tokens, as typed into telnet).
/// </summary>
internal static class RedisRequestReader
{
    // The first byte of a TLS ClientHello; no RESP type and no printable inline command starts with it.
    private const byte TlsHandshakeRecord = 0x16;

    /// <summary>Reads one command; false when it has not all arrived (nothing consumed). Empty commands are skipped.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, MocketLocation location, [NotNullWhen(true)] out RedisMockRequest? request)
    {
        while (!buffer.IsEmpty)
        {
            if (buffer.IsSingleSegment && TryReadWellFormedArray(buffer.FirstSpan, out var consumed, out var fastVerb, out var fastArguments))
            {
                request = new RedisMockRequest(location.Host, location.Port, buffer.FirstSpan[..consumed].ToArray(), fastVerb, fastArguments);
                buffer = buffer.Slice(consumed);
                return true;
            }

            var reader = new SequenceReader<byte>(buffer);
            reader.TryPeek(out var first);
            if (first == TlsHandshakeRecord)
            {
                throw RespLines.Error(
                    "the client started a TLS handshake (ssl=true in a StackExchange.Redis configuration?). Mocket serves Redis " +
                    "unencrypted: remove ssl=true for the test, or use StackExchange.Redis 3.4, whose in-memory transport serves ssl=true configurations", 0);
            }

            var complete = first == (byte)'*'
                ? TryReadArray(ref reader, out var data, out var verb, out var arguments)
                : TryReadInline(ref reader, out data, out verb, out arguments);
            if (!complete)
            {
                break;
            }

            buffer = buffer.Slice(reader.Position);
            if (verb is not null)
            {
                request = new RedisMockRequest(location.Host, location.Port, data, verb, arguments);
                return true;
            }
        }

        request = null;
        return false;
    }

    /// <summary>
    /// The common case, read straight from a span: one whole, well-formed command array of bulk strings.
    /// False for anything else (incomplete, malformed, empty, inline): the sequence reader then decides,
    /// and it alone says what is wrong.
    /// </summary>
    private static bool TryReadWellFormedArray(ReadOnlySpan<byte> span, out int consumed, [NotNullWhen(true)] out string? verb, out byte[][] arguments)
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
            if (!TryReadLength(span, ref position, out var length) || span.Length - position < length + 2 ||
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

    private static bool TryReadArray(ref SequenceReader<byte> reader, out byte[] data, out string? verb, out byte[][] arguments)
    {
        data = [];
        verb = null;
        arguments = [];
        reader.Advance(1);
        if (!RespLines.TryReadNumber(ref reader, "the length of a command array", out var count))
        {
            return false;
        }

        if (count > 1024 * 1024)
        {
            throw RespLines.Error($"a command of {count.ToString(CultureInfo.InvariantCulture)} arguments is too long (Redis allows 1048576)", 0);
        }

        var start = reader.Sequence.Start;
        var parsed = count > 1 ? new byte[count - 1][] : [];
        for (var i = 0; i < count; i++)
        {
            var at = reader.Consumed;
            if (!reader.TryRead(out var prefix))
            {
                return false;
            }

            if (prefix != (byte)'$')
            {
                throw RespLines.Error($"expected '$' before argument {(i + 1).ToString(CultureInfo.InvariantCulture)} of a command, got '{(char)prefix}'", at);
            }

            if (!RespLines.TryReadNumber(ref reader, "the length of a command argument", out var length))
            {
                return false;
            }

            if (length is < 0 or > RespLines.MaxBulkLength)
            {
                throw RespLines.Error($"a command argument of {length.ToString(CultureInfo.InvariantCulture)} bytes is out of range", at);
            }

            if (reader.Remaining < length + 2)
            {
                return false;
            }

            if (i == 0)
            {
                verb = RedisVerbs.Normalize(reader.UnreadSequence.Slice(0, length));
            }
            else
            {
                var argument = new byte[length];
                reader.TryCopyTo(argument);
                parsed[i - 1] = argument;
            }

            reader.Advance(length);
            if (!reader.IsNext("\r\n"u8, advancePast: true))
            {
                throw RespLines.Error($"argument {(i + 1).ToString(CultureInfo.InvariantCulture)} of {length.ToString(CultureInfo.InvariantCulture)} bytes is not followed by CRLF", reader.Consumed);
            }
        }

        data = reader.Sequence.Slice(start, reader.Position).ToArray();
        arguments = parsed;
        return true;
    }

    private static bool TryReadInline(ref SequenceReader<byte> reader, out byte[] data, out string? verb, out byte[][] arguments)
    {
        data = [];
        verb = null;
        arguments = [];
        var start = reader.Sequence.Start;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (reader.Remaining > RespLines.MaxTextLine)
            {
                throw RespLines.Error($"an inline command is longer than {RespLines.MaxTextLine.ToString(CultureInfo.InvariantCulture)} bytes without a line end", 0);
            }

            return false;
        }

        data = reader.Sequence.Slice(start, reader.Position).ToArray();
        if (!line.IsEmpty && RespLines.EndsWithCr(line))
        {
            line = line.Slice(0, line.Length - 1);
        }

        // Latin-1 maps every byte to one char and back, so the split stays binary-safe.
        string[] tokens;
        try
        {
            tokens = [.. CommandLine.Split(Encoding.Latin1.GetString(line))];
        }
        catch (ArgumentException ex)
        {
            throw RespLines.Error($"unbalanced quotes in an inline command ({ex.Message})", 0);
        }

        if (tokens.Length > 0)
        {
            verb = RedisVerbs.Normalize(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(tokens[0])));
            arguments = [.. tokens.Skip(1).Select(t => Encoding.Latin1.GetBytes(t))];
        }

        return true;
    }
}
