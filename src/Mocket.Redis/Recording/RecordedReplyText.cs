using System.Globalization;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Recording;

/// <summary>
/// A recorded reply as redis-cli shows it — <c>"bar"</c>, <c>(integer) 3</c>, <c>(nil)</c>, <c>OK</c>,
/// <c>(error) ERR …</c>, numbered items for aggregates — for a recording's <c>response_text</c>.
/// </summary>
internal static class RecordedReplyText
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Describe(ReadOnlyMemory<byte> reply)
    {
        IReadOnlyList<RespValue> values;
        try
        {
            values = RespValueReader.ReadAll(reply);
        }
        catch (RespFormatException)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var value in values)
        {
            Append(text, value, indent: 0);
            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder text, RespValue value, int indent)
    {
        if (value.IsNull)
        {
            text.Append("(nil)");
            return;
        }

        switch (value.Type)
        {
            case RespType.SimpleString:
                text.Append(value.Text);
                break;
            case RespType.SimpleError or RespType.BulkError:
                text.Append("(error) ").Append(value.Text);
                break;
            case RespType.Integer:
                text.Append("(integer) ").Append(value.Text);
                break;
            case RespType.Double:
                text.Append("(double) ").Append(value.Text);
                break;
            case RespType.BigNumber:
                text.Append("(big number) ").Append(value.Text);
                break;
            case RespType.Boolean:
                text.Append(value.Text == "t" ? "(true)" : "(false)");
                break;
            case RespType.VerbatimString:
                text.Append(value.Text);
                break;
            case RespType.BulkString:
                Quote(text, value.Bytes.Span);
                break;
            default:
                AppendAggregate(text, value, indent);
                break;
        }
    }

    private static void AppendAggregate(StringBuilder text, RespValue value, int indent)
    {
        var pairs = value.Type is RespType.Map or RespType.Attribute;
        var count = pairs ? value.Items.Count / 2 : value.Items.Count;
        if (count == 0)
        {
            text.Append(value.Type == RespType.Map ? "(empty hash)" : value.Type == RespType.Set ? "(empty set)" : "(empty array)");
            return;
        }

        var marker = value.Type switch
        {
            RespType.Map => '#',
            RespType.Set => '~',
            _ => ')',
        };
        var width = count.ToString(CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append('\n').Append(' ', indent);
            }

            var label = (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width) + marker + " ";
            text.Append(label);
            var childIndent = indent + label.Length;
            if (pairs)
            {
                Append(text, value.Items[2 * i], childIndent);
                text.Append(" => ");
                Append(text, value.Items[(2 * i) + 1], childIndent);
            }
            else
            {
                Append(text, value.Items[i], childIndent);
            }
        }
    }

    /// <summary>A bulk string in double quotes: printable UTF-8 as is, quotes and backslashes escaped, other bytes as \xNN.</summary>
    private static void Quote(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        text.Append('"');
        var utf8 = Utf8(bytes);
        if (utf8 is not null)
        {
            foreach (var c in utf8)
            {
                _ = c switch
                {
                    '"' or '\\' => text.Append('\\').Append(c),
                    '\n' => text.Append("\\n"),
                    '\r' => text.Append("\\r"),
                    '\t' => text.Append("\\t"),
                    _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                    _ => text.Append(c),
                };
            }
        }
        else
        {
            foreach (var b in bytes)
            {
                _ = b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\'
                    ? text.Append((char)b)
                    : text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        text.Append('"');
    }

    private static string? Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return s_strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
