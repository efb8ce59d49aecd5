using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace MocketNet.Redis.Codec;

/// <summary>
/// Reads whole RESP values from bytes that arrive in pieces: one pass of a <see cref="RespScanner"/> validates the
/// value and records where each element lies; then the value's bytes are copied once and its elements built from
/// that record. It consumes nothing until a value is whole, and keeps its place between calls.
/// </summary>
internal sealed class RespValueReader
{
    private RespScanner _scanner = new(index: true);
    private long _examinedBefore;

    /// <summary>Bytes examined so far, over every value read.</summary>
    public long Examined => _examinedBefore + _scanner.Examined;

    /// <summary>Reads one whole value from the front of <paramref name="buffer"/> and slices it off; false (nothing consumed) when it has not all arrived.</summary>
    /// <exception cref="RespFormatException">The bytes are not RESP.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RespValue? value)
    {
        if (!_scanner.TryScan(buffer, out var length))
        {
            value = null;
            return false;
        }

        var frame = buffer.Slice(0, length).ToArray();
        var next = 0;
        value = Build(frame, _scanner.Nodes, ref next);
        buffer = buffer.Slice(length);
        _examinedBefore += _scanner.Examined;
        _scanner = new RespScanner(index: true);
        return true;
    }

    /// <summary>Every whole value in <paramref name="data"/>.</summary>
    /// <exception cref="RespFormatException">The data is not RESP, or ends inside a value (<see cref="RespFormatError.Truncated"/>).</exception>
    public static IReadOnlyList<RespValue> ReadAll(ReadOnlyMemory<byte> data)
    {
        var buffer = new ReadOnlySequence<byte>(data);
        var reader = new RespValueReader();
        var values = new List<RespValue>();
        while (!buffer.IsEmpty)
        {
            if (!reader.TryRead(ref buffer, out var value))
            {
                throw RespFormatException.Create(RespFormatError.Truncated, data.Length - buffer.Length);
            }

            values.Add(value);
        }

        return values;
    }

    private static RespValue Build(byte[] frame, IReadOnlyList<RespNode> nodes, ref int next)
    {
        var node = nodes[next++];
        if (node.IsNull)
        {
            return new RespValue(node.Type, default, null, isNull: true);
        }

        switch (node.Type)
        {
            case RespType.Array or RespType.Set or RespType.Push or RespType.Map or RespType.Attribute:
                var items = new RespValue[node.Items];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Build(frame, nodes, ref next);
                }

                if (node.Type != RespType.Attribute)
                {
                    return new RespValue(node.Type, default, items, isNull: false);
                }

                var annotated = Build(frame, nodes, ref next);
                return new RespValue(annotated.Type, annotated.Bytes, annotated.Items, annotated.IsNull)
                {
                    Format = annotated.Format,
                    Attributes = new RespValue(RespType.Attribute, default, items, isNull: false),
                };
            case RespType.VerbatimString:
                return new RespValue(node.Type, frame.AsMemory((int)node.Start + 4, node.Length - 4), null, isNull: false)
                {
                    Format = System.Text.Encoding.ASCII.GetString(frame, (int)node.Start, 3),
                };
            default:
                return new RespValue(node.Type, frame.AsMemory((int)node.Start, node.Length), null, isNull: false);
        }
    }
}
