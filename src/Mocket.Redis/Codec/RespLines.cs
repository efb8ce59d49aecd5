using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace MocketNet.Redis.Codec;

/// <summary>The line-level pieces of RESP shared by the value reader and the command reader: limits, and the line being read.</summary>
internal static class RespLines
{
    /// <summary>The longest header line (prefix, digits) accepted before the input is called malformed.</summary>
    public const int MaxNumberLine = 32;

    /// <summary>The longest simple string, error or inline command accepted (Redis' own inline limit).</summary>
    public const int MaxTextLine = 64 * 1024;

    /// <summary>The largest bulk string accepted (Redis' proto-max-bulk-len default).</summary>
    public const long MaxBulkLength = 512L * 1024 * 1024;

    /// <summary>The most items one aggregate may announce.</summary>
    public const long MaxAggregateLength = int.MaxValue;

    /// <summary>A CRLF-terminated signed decimal (the line without its CRLF).</summary>
    /// <exception cref="RespFormatException">It is not one.</exception>
    public static long ParseNumber(ReadOnlySequence<byte> line, string what, long offset)
    {
        Span<byte> digits = stackalloc byte[MaxNumberLine];
        if (line.Length > MaxNumberLine)
        {
            throw RespFormatException.Create(RespFormatError.InvalidNumber, offset, what);
        }

        line.CopyTo(digits);
        digits = digits[..(int)line.Length];
        if (digits.IsEmpty || !Utf8Parser.TryParse(digits, out long value, out var used) || used != digits.Length)
        {
            throw RespFormatException.Create(RespFormatError.InvalidNumber, offset, what);
        }

        return value;
    }

    /// <summary>A byte as a message shows it: the character when printable, else its hex value.</summary>
    public static string Describe(byte value) =>
        value is >= 0x20 and < 0x7f ? $"'{(char)value}'" : $"0x{value.ToString("x2", CultureInfo.InvariantCulture)}";
}
