using System.Text;

namespace MocketNet.Http.Http2;

/// <summary>
/// The strings a connection's header blocks decoded lately, by their encoded bytes: a literal sent again (a path, a host, a
/// user-agent, with every request) is the same string, neither decoded nor allocated again, and logged requests share it.
/// Small and bounded: each string has two possible slots (by two parts of its hash), so the ten or so literals a client
/// repeats seldom evict each other.
/// </summary>
internal sealed class HpackStrings
{
    private const int Slots = 64;

    /// <summary>Longer literals (tokens, cookies) seldom repeat: they are decoded each time and not kept.</summary>
    private const int MaxCachedLength = 256;

    private readonly Slot[] _slots = new Slot[Slots];

    /// <summary>The string <paramref name="encoded"/> decodes to (Huffman-coded when <paramref name="huffman"/>).</summary>
    public string Get(ReadOnlySpan<byte> encoded, bool huffman)
    {
        if (encoded.Length > MaxCachedLength)
        {
            return Decode(encoded, huffman);
        }

        var hash = Fnv1a(encoded, huffman);
        var first = (int)(hash % Slots);
        var second = (int)((hash >> 16) % Slots);
        if (_slots[first].Holds(encoded, huffman))
        {
            return _slots[first].Text!;
        }

        if (_slots[second].Holds(encoded, huffman))
        {
            return _slots[second].Text!;
        }

        var text = Decode(encoded, huffman);
        var slot = _slots[first].Text is null || _slots[second].Text is not null ? first : second;
        _slots[slot] = new Slot(encoded.ToArray(), huffman, text);
        return text;
    }

    private static string Decode(ReadOnlySpan<byte> encoded, bool huffman) =>
        huffman ? HpackHuffman.Decode(encoded) : Encoding.Latin1.GetString(encoded);

    private static uint Fnv1a(ReadOnlySpan<byte> bytes, bool huffman)
    {
        var hash = huffman ? 2166136261u : 2166136261u ^ 0x5Au;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private readonly record struct Slot(byte[] Encoded, bool Huffman, string? Text)
    {
        public bool Holds(ReadOnlySpan<byte> encoded, bool huffman) => Text is not null && Huffman == huffman && encoded.SequenceEqual(Encoded);
    }
}
