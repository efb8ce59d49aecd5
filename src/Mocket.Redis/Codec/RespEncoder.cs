using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;

namespace MocketNet.Redis.Codec;

/// <summary>
/// The reference's Redisizer, in RESP2 or RESP3: turns a .NET value into the reply a Redis server would send.
/// </summary>
internal static class RespEncoder
{
    public static void Encode(object? value, IBufferWriter<byte> output, int protocol)
    {
        var resp3 = protocol >= 3;
        switch (value)
        {
            case null:
                WriteNull(output, resp3);
                break;
            case RedisMockResponse { Exception: null, Callback: null } reply:
                output.Write(reply.Encoded(protocol));
                break;
            case RedisMockResponse reply:
                throw new ArgumentException(
                    $"A {reply} response is not a value: it can be an entry's response, but it cannot be sent inside another reply.", nameof(value));
            case string text:
                RespWriter.WriteBulk(output, text);
                break;
            case byte[] bytes:
                RespWriter.WriteBulk(output, bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                RespWriter.WriteBulk(output, memory.Span);
                break;
            case Memory<byte> memory:
                RespWriter.WriteBulk(output, memory.Span);
                break;
            case char c:
                RespWriter.WriteBulk(output, c.ToString());
                break;
            case bool flag:
                if (resp3)
                {
                    RespWriter.WriteBoolean(output, flag);
                }
                else
                {
                    RespWriter.WriteInteger(output, flag ? 1 : 0);
                }

                break;
            case sbyte or byte or short or ushort or int or uint or long:
                RespWriter.WriteInteger(output, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong or Int128 or UInt128 or BigInteger:
                WriteWideInteger(output, (IFormattable)value, resp3);
                break;
            case float or double or decimal:
                WriteDouble(output, Convert.ToDouble(value, CultureInfo.InvariantCulture), resp3);
                break;
            case IDictionary map:
                WriteMap(output, map, protocol);
                break;
            case Exception:
                throw new ArgumentException(
                    "An Exception cannot be encoded as RESP: as an entry's response it drops the client's connection instead.", nameof(value));
            case IEnumerable items:
                WriteItems(output, items, protocol, resp3 && IsSet(items));
                break;
            default:
                throw new ArgumentException(
                    $"Mocket cannot send a {value.GetType().FullName} as a Redis reply. Use a string or byte[] (bulk string), " +
                    "an integer, a double, a bool, null (nil), a list (array), a dictionary (map), MockRedis.Ok, MockRedis.Queued, " +
                    "MockRedis.Error(\"...\") or MockRedis.Raw(bytes).", nameof(value));
        }
    }

    private static void WriteNull(IBufferWriter<byte> output, bool resp3)
    {
        if (resp3)
        {
            RespWriter.WriteNull(output);
        }
        else
        {
            RespWriter.WriteNullBulk(output);
        }
    }

    private static void WriteWideInteger(IBufferWriter<byte> output, IFormattable value, bool resp3)
    {
        var digits = value.ToString(null, CultureInfo.InvariantCulture);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
        {
            RespWriter.WriteInteger(output, small);
        }
        else if (resp3)
        {
            RespWriter.WriteBigNumber(output, digits);
        }
        else
        {
            RespWriter.WriteBulk(output, digits);
        }
    }

    private static void WriteDouble(IBufferWriter<byte> output, double value, bool resp3)
    {
        if (resp3)
        {
            RespWriter.WriteDouble(output, value);
        }
        else
        {
            // RESP2 servers send doubles (ZSCORE, INCRBYFLOAT) as bulk strings.
            RespWriter.WriteBulk(output, RespWriter.FormatDouble(value));
        }
    }

    private static void WriteMap(IBufferWriter<byte> output, IDictionary map, int protocol)
    {
        if (protocol >= 3)
        {
            RespWriter.WriteMapHeader(output, map.Count);
        }
        else
        {
            RespWriter.WriteArrayHeader(output, checked(map.Count * 2));
        }

        foreach (DictionaryEntry pair in map)
        {
            Encode(pair.Key, output, protocol);
            Encode(pair.Value, output, protocol);
        }
    }

    private static void WriteItems(IBufferWriter<byte> output, IEnumerable items, int protocol, bool asSet)
    {
        var list = items as ICollection ?? items.Cast<object?>().ToList();
        if (asSet)
        {
            RespWriter.WriteSetHeader(output, list.Count);
        }
        else
        {
            RespWriter.WriteArrayHeader(output, list.Count);
        }

        foreach (var item in list)
        {
            Encode(item, output, protocol);
        }
    }

    private static bool IsSet(IEnumerable items) =>
        items.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));
}
