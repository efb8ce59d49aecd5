using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace MocketNet.Redis.Codec;

/// <summary>Writes RESP frames into an <see cref="IBufferWriter{T}"/>; every method writes one whole frame header or scalar.</summary>
internal static class RespWriter
{
    private static readonly byte[] s_crlf = "\r\n"u8.ToArray();

    public static void WriteSimpleString(IBufferWriter<byte> output, string text) => WriteLine(output, (byte)'+', text);

    public static void WriteError(IBufferWriter<byte> output, string text) => WriteLine(output, (byte)'-', text);

    public static void WriteInteger(IBufferWriter<byte> output, long value) => WriteNumber(output, (byte)':', value);

    public static void WriteArrayHeader(IBufferWriter<byte> output, int count) => WriteNumber(output, (byte)'*', count);

    public static void WriteMapHeader(IBufferWriter<byte> output, int count) => WriteNumber(output, (byte)'%', count);

    public static void WriteSetHeader(IBufferWriter<byte> output, int count) => WriteNumber(output, (byte)'~', count);

    public static void WritePushHeader(IBufferWriter<byte> output, int count) => WriteNumber(output, (byte)'>', count);

    /// <summary>RESP2's null bulk string, <c>$-1</c>.</summary>
    public static void WriteNullBulk(IBufferWriter<byte> output) => output.Write("$-1\r\n"u8);

    /// <summary>RESP3's null, <c>_</c>.</summary>
    public static void WriteNull(IBufferWriter<byte> output) => output.Write("_\r\n"u8);

    public static void WriteBoolean(IBufferWriter<byte> output, bool value) => output.Write(value ? "#t\r\n"u8 : "#f\r\n"u8);

    public static void WriteDouble(IBufferWriter<byte> output, double value) => WriteLine(output, (byte)',', FormatDouble(value));

    public static void WriteBigNumber(IBufferWriter<byte> output, string digits) => WriteLine(output, (byte)'(', digits);

    public static void WriteBulk(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteNumber(output, (byte)'$', value.Length);
        output.Write(value);
        output.Write(s_crlf);
    }

    public static void WriteBulk(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteNumber(output, (byte)'$', length);
        var span = output.GetSpan(length + 2);
        Encoding.UTF8.GetBytes(value, span);
        s_crlf.CopyTo(span[length..]);
        output.Advance(length + 2);
    }

    /// <summary>The text Redis uses for a double: shortest round-trip form, <c>inf</c>, <c>-inf</c>, <c>nan</c>.</summary>
    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void WriteNumber(IBufferWriter<byte> output, byte prefix, long value)
    {
        var span = output.GetSpan(24);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(written + 3);
    }

    private static void WriteLine(IBufferWriter<byte> output, byte prefix, string text)
    {
        if (text.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException(
                $"A RESP simple string or error cannot contain CR or LF, but \"{text.ReplaceLineEndings(" ")}\" does. " +
                "Send multi-line text as a bulk string (a plain string response) instead.", nameof(text));
        }

        var length = Encoding.UTF8.GetByteCount(text);
        var span = output.GetSpan(length + 3);
        span[0] = prefix;
        Encoding.UTF8.GetBytes(text, span[1..]);
        span[length + 1] = (byte)'\r';
        span[length + 2] = (byte)'\n';
        output.Advance(length + 3);
    }
}
