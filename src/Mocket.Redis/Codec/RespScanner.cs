using System.Buffers;
using System.Globalization;

namespace MocketNet.Redis.Codec;

/// <summary>
/// Walks one RESP2/RESP3 value in a single pass, validating it as it goes, from bytes that arrive in pieces: it keeps
/// its place between calls (the elements read, the line being searched, the bulk string being waited for), so each
/// byte is examined once however the value is split, and it consumes nothing. With <c>index</c> it also records
/// where each element's payload lies, so the value is built without walking the bytes again.
/// </summary>
internal sealed class RespScanner(bool index)
{
    /// <summary>The deepest nesting of aggregates accepted: values are built recursively, and nothing Redis sends nests deeper.</summary>
    public const int MaxDepth = 512;

    private readonly List<RespNode>? _nodes = index ? [] : null;
    private readonly Stack<long> _open = new(); // items still expected by each open aggregate, innermost on top
    private RespLine _line;
    private bool _done;
    private RespType _bulkType;
    private long _bulkStart = -1;
    private long _bulkLength;

    /// <summary>The elements read, in order (parents before their items); empty unless indexing.</summary>
    public IReadOnlyList<RespNode> Nodes => _nodes ?? [];

    /// <summary>Bytes examined so far.</summary>
    public long Examined => _line.Examined;

    /// <summary>
    /// Reads on from where the last call stopped; true once one whole value is in, <paramref name="length"/> its
    /// bytes from the start of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">The bytes from the start of the value: the same as last time, with more after them.</param>
    /// <param name="length">The value's length.</param>
    /// <exception cref="RespFormatException">The bytes are not RESP.</exception>
    public bool TryScan(ReadOnlySequence<byte> buffer, out long length)
    {
        length = 0;
        while (!_done)
        {
            if (_bulkStart >= 0 ? !TryReadBulk(buffer) : !TryReadElement(buffer))
            {
                return false;
            }
        }

        length = _line.Start;
        return true;
    }

    private bool TryReadElement(ReadOnlySequence<byte> buffer)
    {
        var start = _line.Start;
        if (buffer.Length <= start)
        {
            return false;
        }

        var prefix = buffer.Slice(start, 1).FirstSpan[0];
        var type = (RespType)prefix;
        if (!Enum.IsDefined(type))
        {
            throw RespFormatException.Create(RespFormatError.UnknownType, start, RespLines.Describe(prefix));
        }

        var (max, what) = type switch
        {
            RespType.SimpleString or RespType.SimpleError => (RespLines.MaxTextLine, "a simple string"),
            RespType.Integer or RespType.Null or RespType.Boolean or RespType.Double or RespType.BigNumber => (RespLines.MaxTextLine, $"a {type}"),
            _ => (RespLines.MaxNumberLine, $"the length of a {type}"),
        };
        if (!_line.TryRead(buffer, max + 1, what, out var line))
        {
            return false;
        }

        var payload = line.Slice(1);
        switch (type)
        {
            case RespType.SimpleString or RespType.SimpleError:
                Add(type, start + 1, payload.Length);
                break;
            case RespType.Integer or RespType.Null or RespType.Boolean or RespType.Double or RespType.BigNumber:
                ValidateScalar(type, payload, start);
                Add(type, start + 1, payload.Length, isNull: type == RespType.Null);
                break;
            case RespType.BulkString or RespType.BulkError or RespType.VerbatimString:
                var size = RespLines.ParseNumber(payload, what, start);
                if (size == -1 && type == RespType.BulkString)
                {
                    Add(type, 0, 0, isNull: true);
                    break;
                }

                if (size is < 0 or > RespLines.MaxBulkLength)
                {
                    throw RespFormatException.Create(
                        RespFormatError.LengthOutOfRange, start,
                        $"a {type} length of {size.ToString(CultureInfo.InvariantCulture)} (0..{RespLines.MaxBulkLength.ToString(CultureInfo.InvariantCulture)})");
                }

                (_bulkType, _bulkStart, _bulkLength) = (type, _line.Start, size);
                return TryReadBulk(buffer);
            default:
                var count = RespLines.ParseNumber(payload, what, start);
                if (count == -1 && type == RespType.Array)
                {
                    Add(type, 0, 0, isNull: true);
                    break;
                }

                if (count is < 0 or > RespLines.MaxAggregateLength)
                {
                    throw RespFormatException.Create(RespFormatError.LengthOutOfRange, start, $"a {type} length of {count.ToString(CultureInfo.InvariantCulture)}");
                }

                var items = type is RespType.Map or RespType.Attribute ? count * 2 : count;
                Add(type, 0, 0, items: (int)Math.Min(items, int.MaxValue));
                var expected = type == RespType.Attribute ? items + 1 : items; // an attribute's pairs, then the value they annotate
                if (expected > 0)
                {
                    if (_open.Count == MaxDepth)
                    {
                        throw RespFormatException.Create(RespFormatError.TooDeep, start, MaxDepth.ToString(CultureInfo.InvariantCulture));
                    }

                    _open.Push(expected);
                    return true;
                }

                break;
        }

        Completed();
        return true;
    }

    /// <summary>An element is whole: it counts toward its aggregate, which may be whole in turn, up to the value itself.</summary>
    private void Completed()
    {
        while (_open.Count > 0)
        {
            var left = _open.Pop() - 1;
            if (left > 0)
            {
                _open.Push(left);
                return;
            }
        }

        _done = true;
    }

    private bool TryReadBulk(ReadOnlySequence<byte> buffer)
    {
        var end = _bulkStart + _bulkLength;
        if (buffer.Length < end + 2)
        {
            return false;
        }

        var terminator = buffer.Slice(end, 2);
        if (!(terminator.IsSingleSegment ? terminator.FirstSpan : terminator.ToArray()).SequenceEqual("\r\n"u8))
        {
            throw RespFormatException.Create(
                RespFormatError.UnterminatedBulk, end, $"a {_bulkType} of {_bulkLength.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        if (_bulkType == RespType.VerbatimString)
        {
            var head = buffer.Slice(_bulkStart, Math.Min(_bulkLength, 4)).ToArray();
            if (_bulkLength < 4 || head[3] != (byte)':')
            {
                throw RespFormatException.Create(RespFormatError.InvalidVerbatim, _bulkStart);
            }
        }

        Add(_bulkType, _bulkStart, _bulkLength);
        _line.Skip(end + 2);
        _bulkStart = -1;
        Completed();
        return true;
    }

    private void Add(RespType type, long start, long length, bool isNull = false, int items = 0) =>
        _nodes?.Add(new RespNode(type, start, (int)length, items, isNull));

    private static void ValidateScalar(RespType type, ReadOnlySequence<byte> payload, long start)
    {
        Span<byte> bytes = stackalloc byte[RespLines.MaxNumberLine];
        var text = payload.Length <= RespLines.MaxNumberLine ? bytes[..(int)payload.Length] : [];
        payload.Slice(0, text.Length).CopyTo(text);
        var valid = payload.Length <= RespLines.MaxNumberLine && type switch
        {
            RespType.Null => text.IsEmpty,
            RespType.Boolean => text.SequenceEqual("t"u8) || text.SequenceEqual("f"u8),
            RespType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            RespType.Double => text.SequenceEqual("inf"u8) || text.SequenceEqual("-inf"u8) || text.SequenceEqual("nan"u8)
                || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => IsBigNumber(text),
        };
        if (!valid && !(type == RespType.BigNumber && payload.Length > RespLines.MaxNumberLine && IsBigNumber(payload.ToArray())))
        {
            throw RespFormatException.Create(RespFormatError.InvalidScalar, start, type.ToString());
        }
    }

    private static bool IsBigNumber(ReadOnlySpan<byte> digits)
    {
        if (!digits.IsEmpty && digits[0] is (byte)'-' or (byte)'+')
        {
            digits = digits[1..];
        }

        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }
}
