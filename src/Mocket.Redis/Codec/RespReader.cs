using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MocketNet.Redis.Codec;

/// <summary>
/// An incremental, binary-safe RESP2/RESP3 reader. <see cref="TryRead"/> first scans the input without
/// allocating; when the bytes end before a whole value it consumes nothing and returns false ("need
/// more"), and malformed input throws <see cref="RespFormatException"/>.
/// </summary>
public static class RespReader
{
    /// <summary>Reads one whole value from the front of <paramref name="buffer"/> and slices it off.</summary>
    /// <param name="buffer">The unconsumed input.</param>
    /// <param name="value">The value read.</param>
    /// <returns>False when more bytes are needed (nothing consumed).</returns>
    /// <exception cref="RespFormatException">The input is not RESP.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RespValue? value)
    {
        var scanner = new SequenceReader<byte>(buffer);
        if (!TrySkip(ref scanner))
        {
            value = null;
            return false;
        }

        var frame = buffer.Slice(0, scanner.Position).ToArray();
        var offset = 0;
        value = Parse(frame, ref offset);
        buffer = buffer.Slice(scanner.Position);
        return true;
    }

    /// <summary>Reads every whole value in <paramref name="data"/>; throws if it ends inside one.</summary>
    /// <param name="data">Complete RESP input.</param>
    public static IReadOnlyList<RespValue> ReadAll(ReadOnlyMemory<byte> data)
    {
        var buffer = new ReadOnlySequence<byte>(data);
        var values = new List<RespValue>();
        while (!buffer.IsEmpty)
        {
            if (!TryRead(ref buffer, out var value))
            {
                throw RespLines.Error("the input ends inside a value", data.Length - buffer.Length);
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>
    /// Moves past one whole value without allocating; false (reader position unspecified) when the input
    /// ends first. Aggregates are tracked with a single counter of values still expected.
    /// </summary>
    internal static bool TrySkip(ref SequenceReader<byte> reader)
    {
        long pending = 1;
        while (pending > 0)
        {
            var start = reader.Consumed;
            if (!reader.TryRead(out var prefix))
            {
                return false;
            }

            pending--;
            switch ((RespType)prefix)
            {
                case RespType.SimpleString or RespType.SimpleError:
                    if (!RespLines.TryReadLine(ref reader, RespLines.MaxTextLine, "a simple string", out _))
                    {
                        return false;
                    }

                    break;
                case RespType.Integer or RespType.Null or RespType.Boolean or RespType.Double or RespType.BigNumber:
                    if (!TrySkipScalarLine(ref reader, (RespType)prefix, start))
                    {
                        return false;
                    }

                    break;
                case RespType.BulkString or RespType.BulkError or RespType.VerbatimString:
                    if (!TrySkipBlob(ref reader, (RespType)prefix, start))
                    {
                        return false;
                    }

                    break;
                case RespType.Array or RespType.Set or RespType.Push or RespType.Map or RespType.Attribute:
                    if (!RespLines.TryReadNumber(ref reader, $"the length of a {(RespType)prefix}", out var count))
                    {
                        return false;
                    }

                    pending = checked(pending + ChildCount((RespType)prefix, count, start));
                    break;
                default:
                    throw RespLines.Error($"unknown RESP type prefix {Describe(prefix)}; expected one of + - : $ * _ # , ( ! = % ~ > |", start);
            }
        }

        return true;
    }

    private static bool TrySkipScalarLine(ref SequenceReader<byte> reader, RespType type, long start)
    {
        if (!RespLines.TryReadLine(ref reader, RespLines.MaxTextLine, $"a {type}", out var line))
        {
            return false;
        }

        var text = line.Length <= RespLines.MaxNumberLine ? System.Text.Encoding.ASCII.GetString(line.ToArray()) : null;
        var valid = type switch
        {
            RespType.Null => line.IsEmpty,
            RespType.Boolean => text is "t" or "f",
            RespType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            RespType.Double => text is "inf" or "-inf" or "nan"
                || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => line.Length > 0 && IsBigNumber(line),
        };
        if (!valid)
        {
            throw RespLines.Error($"a {type} value is not well formed", start);
        }

        return true;
    }

    private static bool IsBigNumber(ReadOnlySequence<byte> line)
    {
        var digits = line.ToArray().AsSpan();
        if (digits[0] is (byte)'-' or (byte)'+')
        {
            digits = digits[1..];
        }

        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static bool TrySkipBlob(ref SequenceReader<byte> reader, RespType type, long start)
    {
        if (!RespLines.TryReadNumber(ref reader, $"the length of a {type}", out var length))
        {
            return false;
        }

        if (length == -1 && type == RespType.BulkString)
        {
            return true;
        }

        if (length < 0 || length > RespLines.MaxBulkLength)
        {
            throw RespLines.Error($"a {type} length of {length.ToString(CultureInfo.InvariantCulture)} is out of range (0..{RespLines.MaxBulkLength.ToString(CultureInfo.InvariantCulture)})", start);
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        if (type == RespType.VerbatimString)
        {
            var head = reader.UnreadSequence.Slice(0, Math.Min(length, 4)).ToArray();
            if (length < 4 || head[3] != (byte)':')
            {
                throw RespLines.Error("a verbatim string does not start with a three-letter format and a colon", start);
            }
        }

        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw RespLines.Error($"a {type} of {length.ToString(CultureInfo.InvariantCulture)} bytes is not followed by CRLF", reader.Consumed);
        }

        return true;
    }

    private static long ChildCount(RespType type, long count, long start)
    {
        if (count == -1 && type == RespType.Array)
        {
            return 0;
        }

        if (count < 0 || count > RespLines.MaxAggregateLength)
        {
            throw RespLines.Error($"a {type} length of {count.ToString(CultureInfo.InvariantCulture)} is out of range", start);
        }

        return type switch
        {
            RespType.Map => count * 2,
            RespType.Attribute => (count * 2) + 1, // the pairs, then the value they annotate
            _ => count,
        };
    }

    /// <summary>Parses one value from a frame that <see cref="TrySkip"/> has already validated.</summary>
    private static RespValue Parse(byte[] frame, ref int offset)
    {
        var type = (RespType)frame[offset++];
        switch (type)
        {
            case RespType.BulkString or RespType.BulkError or RespType.VerbatimString:
            {
                var length = (int)ParseLine(frame, ref offset, out _);
                if (length < 0)
                {
                    return new RespValue(type, default, null, isNull: true);
                }

                var start = offset;
                offset += length + 2;
                return type == RespType.VerbatimString
                    ? new RespValue(type, frame.AsMemory(start + 4, length - 4), null, false) { Format = System.Text.Encoding.ASCII.GetString(frame, start, 3) }
                    : new RespValue(type, frame.AsMemory(start, length), null, false);
            }

            case RespType.Array or RespType.Set or RespType.Push or RespType.Map or RespType.Attribute:
            {
                var count = (int)ParseLine(frame, ref offset, out _);
                if (count < 0)
                {
                    return new RespValue(type, default, null, isNull: true);
                }

                var items = new RespValue[type is RespType.Map or RespType.Attribute ? count * 2 : count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Parse(frame, ref offset);
                }

                if (type != RespType.Attribute)
                {
                    return new RespValue(type, default, items, false);
                }

                var annotated = Parse(frame, ref offset);
                return new RespValue(annotated.Type, annotated.Bytes, annotated.Items, annotated.IsNull)
                {
                    Format = annotated.Format,
                    Attributes = new RespValue(RespType.Attribute, default, items, false),
                };
            }

            default:
            {
                ParseLine(frame, ref offset, out var line);
                return new RespValue(type, line, null, isNull: type == RespType.Null);
            }
        }
    }

    private static long ParseLine(byte[] frame, ref int offset, out ReadOnlyMemory<byte> line)
    {
        var end = Array.IndexOf(frame, (byte)'\r', offset);
        line = frame.AsMemory(offset, end - offset);
        offset = end + 2;
        return long.TryParse(line.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : 0;
    }

    private static string Describe(byte prefix) =>
        prefix is >= 0x20 and < 0x7f ? $"'{(char)prefix}'" : $"0x{prefix.ToString("x2", CultureInfo.InvariantCulture)}";
}
