using System.Globalization;
using System.Text;

namespace MocketNet.Redis.Codec;

/// <summary>One parsed RESP value: a scalar (its payload bytes) or an aggregate (its items).</summary>
public sealed class RespValue
{
    private static readonly IReadOnlyList<RespValue> s_noItems = [];

    internal RespValue(RespType type, ReadOnlyMemory<byte> bytes, IReadOnlyList<RespValue>? items, bool isNull)
    {
        Type = type;
        Bytes = bytes;
        Items = items ?? s_noItems;
        IsNull = isNull;
    }

    /// <summary>The value's type.</summary>
    public RespType Type { get; }

    /// <summary>
    /// Whether this is a null: RESP2's <c>$-1</c> or <c>*-1</c>, or RESP3's <c>_</c>.
    /// </summary>
    public bool IsNull { get; }

    /// <summary>
    /// The payload of a scalar: the text of a simple string or error, the bytes of a bulk string or bulk
    /// error, the digits of an integer, double or big number, <c>t</c>/<c>f</c> of a boolean, and the
    /// text (after the format and colon) of a verbatim string. Empty for aggregates and nulls.
    /// </summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The items of an array, set or push; a map's or attribute's keys and values, alternating. Empty otherwise.</summary>
    public IReadOnlyList<RespValue> Items { get; }

    /// <summary>The attribute (a RESP3 <c>|</c> map) sent just before this value, if any.</summary>
    public RespValue? Attributes { get; internal init; }

    /// <summary>The three-letter format of a verbatim string (such as <c>txt</c> or <c>mkd</c>); null otherwise.</summary>
    public string? Format { get; internal init; }

    /// <summary><see cref="Bytes"/> as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    /// <summary>The value of an integer (or of a big number that fits in 64 bits).</summary>
    /// <exception cref="InvalidOperationException">The value is not an integer.</exception>
    public long ToInt64() => Type is RespType.Integer or RespType.BigNumber
        && long.TryParse(Bytes.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"A RESP {Type} value is not a 64-bit integer; check Type before calling ToInt64.");

    /// <summary>Whether this is an aggregate (array, map, set, push or attribute).</summary>
    public bool IsAggregate => Type is RespType.Array or RespType.Map or RespType.Set or RespType.Push or RespType.Attribute;

    /// <summary>A readable rendering, such as <c>[bulk "GET", bulk "foo"]</c>.</summary>
    public override string ToString()
    {
        if (IsNull)
        {
            return $"null({Type})";
        }

        if (IsAggregate)
        {
            return $"{Type}[{string.Join(", ", Items)}]";
        }

        return $"{Type} \"{Text}\"";
    }
}
