using System.Buffers;

namespace MocketNet.Redis.Codec;

/// <summary>Writes a parsed <see cref="RespValue"/> back to its exact wire form (type, nulls, formats and attributes kept).</summary>
internal static class RespValueWriter
{
    public static byte[] ToArray(IEnumerable<RespValue> values)
    {
        var output = new ArrayBufferWriter<byte>(64);
        foreach (var value in values)
        {
            Write(output, value);
        }

        return output.WrittenSpan.ToArray();
    }

    public static void Write(IBufferWriter<byte> output, RespValue value)
    {
        if (value.Attributes is { } attributes)
        {
            WriteAggregate(output, attributes);
        }

        if (value.IsNull)
        {
            output.Write(value.Type switch
            {
                RespType.BulkString => "$-1\r\n"u8,
                RespType.Array => "*-1\r\n"u8,
                _ => "_\r\n"u8,
            });
            return;
        }

        switch (value.Type)
        {
            case RespType.BulkString or RespType.BulkError:
                WriteHeader(output, value.Type, value.Bytes.Length);
                output.Write(value.Bytes.Span);
                output.Write("\r\n"u8);
                break;
            case RespType.VerbatimString:
                WriteHeader(output, value.Type, value.Bytes.Length + 4);
                output.Write(System.Text.Encoding.ASCII.GetBytes((value.Format ?? "txt") + ":"));
                output.Write(value.Bytes.Span);
                output.Write("\r\n"u8);
                break;
            case RespType.Array or RespType.Set or RespType.Push or RespType.Map or RespType.Attribute:
                WriteAggregate(output, value);
                break;
            default:
                output.Write([(byte)value.Type]);
                output.Write(value.Bytes.Span);
                output.Write("\r\n"u8);
                break;
        }
    }

    private static void WriteAggregate(IBufferWriter<byte> output, RespValue value)
    {
        var pairs = value.Type is RespType.Map or RespType.Attribute;
        WriteHeader(output, value.Type, pairs ? value.Items.Count / 2 : value.Items.Count);
        foreach (var item in value.Items)
        {
            Write(output, item);
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, RespType type, int count) =>
        output.Write(System.Text.Encoding.ASCII.GetBytes($"{(char)type}{count.ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\n"));
}
