using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace MocketNet.Redis.Codec;

/// <summary>The line-level pieces of RESP shared by the value reader and the request reader.</summary>
internal static class RespLines
{
    /// <summary>The longest header line (prefix, digits, CRLF) accepted before the input is called malformed.</summary>
    public const int MaxNumberLine = 32;

    /// <summary>The longest simple string, error or inline command accepted (Redis' own inline limit).</summary>
    public const int MaxTextLine = 64 * 1024;

    /// <summary>The largest bulk string accepted (Redis' proto-max-bulk-len default).</summary>
    public const long MaxBulkLength = 512L * 1024 * 1024;

    /// <summary>The most items one aggregate may announce.</summary>
    public const long MaxAggregateLength = int.MaxValue;

    /// <summary>
    /// Reads a line ending in CRLF (the CRLF excluded); false when it has not all arrived (nothing consumed).
    /// </summary>
    public static bool TryReadLine(ref SequenceReader<byte> reader, int maxLength, string what, out ReadOnlySequence<byte> line)
    {
        var start = reader.Consumed;
        if (!reader.TryReadTo(out line, (byte)'\n'))
        {
            if (reader.Remaining > maxLength)
            {
                throw Error($"{what} is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} bytes without a CRLF", start);
            }

            return false;
        }

        if (line.IsEmpty || !EndsWithCr(line))
        {
            throw Error($"{what} ends with a bare LF; RESP lines end with CRLF", reader.Consumed - 1);
        }

        line = line.Slice(0, line.Length - 1);
        if (line.PositionOf((byte)'\r') is not null)
        {
            throw Error($"{what} contains a bare CR; RESP lines cannot hold CR or LF", start);
        }

        if (line.Length > maxLength)
        {
            throw Error($"{what} is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} bytes", start);
        }

        return true;
    }

    /// <summary>Reads a CRLF-terminated signed decimal; false when it has not all arrived.</summary>
    public static bool TryReadNumber(ref SequenceReader<byte> reader, string what, out long value)
    {
        var start = reader.Consumed;
        if (!TryReadLine(ref reader, MaxNumberLine, what, out var line))
        {
            value = 0;
            return false;
        }

        Span<byte> digits = stackalloc byte[MaxNumberLine];
        line.CopyTo(digits);
        digits = digits[..(int)line.Length];
        if (digits.IsEmpty || !Utf8Parser.TryParse(digits, out value, out var used) || used != digits.Length)
        {
            throw Error($"{what} is not a decimal integer", start);
        }

        return true;
    }

    public static bool EndsWithCr(ReadOnlySequence<byte> line)
    {
        var last = line.Slice(line.Length - 1);
        return last.FirstSpan[0] == (byte)'\r';
    }

    public static RespFormatException Error(string message, long offset) =>
        new($"Protocol error: {message} (at byte {offset.ToString(CultureInfo.InvariantCulture)}).") { Offset = offset };
}
