using System.Text;

namespace MocketNet.Http.Http2;

/// <summary>
/// Decodes HPACK's Huffman-coded strings (RFC 7541 §5.2, Appendix B). The code is canonical, so the code length of
/// each symbol (0–255, then EOS) is all it takes: codes of one length are consecutive, in symbol order.
/// </summary>
internal static class HpackHuffman
{
    private const int Eos = 256;

    // RFC 7541 Appendix B, column "len in bits", for symbols 0..256.
    private static readonly byte[] s_lengths =
    [
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    ];

    private const int MaxLength = 30;

    // For each length: the first code of that length, and where its symbols start in s_symbols.
    private static readonly int[] s_firstCode = new int[MaxLength + 2];
    private static readonly int[] s_count = new int[MaxLength + 2];
    private static readonly int[] s_offset = new int[MaxLength + 2];
    private static readonly int[] s_symbols = BuildCanonicalCode();

    /// <summary>The symbols' code lengths, for tests that check the table against the RFC's examples.</summary>
    internal static ReadOnlySpan<byte> Lengths => s_lengths;

    /// <summary>Decodes a Huffman-coded string as Latin-1.</summary>
    /// <exception cref="HttpFormatException">The bits are not a valid encoding (EOS, or padding that is not the start of EOS or is 8 bits or more).</exception>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 8 / 5);
        var code = 0;
        var length = 0;
        foreach (var b in bytes)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                code = (code << 1) | ((b >> bit) & 1);
                length++;
                var index = code - s_firstCode[length];
                if (index >= 0 && index < s_count[length])
                {
                    var symbol = s_symbols[s_offset[length] + index];
                    if (symbol == Eos)
                    {
                        throw Http2Errors.Compression("a Huffman-coded string holds the EOS symbol");
                    }

                    text.Append((char)symbol);
                    code = 0;
                    length = 0;
                }
                else if (length == MaxLength)
                {
                    throw Http2Errors.Compression("a Huffman-coded string holds a code no symbol has");
                }
            }
        }

        // Padding: fewer than 8 bits, all ones (the most significant bits of EOS).
        if (length >= 8 || code != (1 << length) - 1)
        {
            throw Http2Errors.Compression("a Huffman-coded string ends in padding that is not the start of EOS, or is 8 bits or longer");
        }

        return text.ToString();
    }

    private static int[] BuildCanonicalCode()
    {
        var symbols = Enumerable.Range(0, s_lengths.Length).OrderBy(s => s_lengths[s]).ThenBy(s => s).ToArray();
        var code = 0;
        var position = 0;
        for (var length = 1; length <= MaxLength; length++)
        {
            s_firstCode[length] = code;
            s_offset[length] = position;
            while (position < symbols.Length && s_lengths[symbols[position]] == length)
            {
                position++;
                s_count[length]++;
                code++;
            }

            code <<= 1;
        }

        return symbols;
    }
}
