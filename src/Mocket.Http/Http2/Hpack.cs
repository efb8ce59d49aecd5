using System.Buffers;
using System.Text;

namespace MocketNet.Http.Http2;

/// <summary>
/// HPACK (RFC 7541) for one connection: the decoder's dynamic table for the client's header blocks, and the encoder
/// for Mocket's (literals without indexing, so the client's table never changes).
/// </summary>
internal sealed class Hpack(int maxHeaderListLength)
{
    /// <summary>The dynamic table size Mocket allows (SETTINGS_HEADER_TABLE_SIZE is left at its default).</summary>
    private const int MaxTableSize = 4096;

    private static readonly (string Name, string Value)[] s_static =
    [
        (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"), (":path", "/index.html"),
        (":scheme", "http"), (":scheme", "https"), (":status", "200"), (":status", "204"), (":status", "206"),
        (":status", "304"), (":status", "400"), (":status", "404"), (":status", "500"), ("accept-charset", ""),
        ("accept-encoding", "gzip, deflate"), ("accept-language", ""), ("accept-ranges", ""), ("accept", ""),
        ("access-control-allow-origin", ""), ("age", ""), ("allow", ""), ("authorization", ""), ("cache-control", ""),
        ("content-disposition", ""), ("content-encoding", ""), ("content-language", ""), ("content-length", ""),
        ("content-location", ""), ("content-range", ""), ("content-type", ""), ("cookie", ""), ("date", ""), ("etag", ""),
        ("expect", ""), ("expires", ""), ("from", ""), ("host", ""), ("if-match", ""), ("if-modified-since", ""),
        ("if-none-match", ""), ("if-range", ""), ("if-unmodified-since", ""), ("last-modified", ""), ("link", ""),
        ("location", ""), ("max-forwards", ""), ("proxy-authenticate", ""), ("proxy-authorization", ""), ("range", ""),
        ("referer", ""), ("refresh", ""), ("retry-after", ""), ("server", ""), ("set-cookie", ""),
        ("strict-transport-security", ""), ("transfer-encoding", ""), ("user-agent", ""), ("vary", ""), ("via", ""),
        ("www-authenticate", ""),
    ];

    // Newest first, as HPACK indexes it.
    private readonly List<(string Name, string Value)> _dynamic = [];

    // A client sends most literals again with every request (.NET's encoder never indexes them): each is decoded once.
    private readonly HpackStrings _recent = new();
    private int _tableSize;
    private int _tableLimit = MaxTableSize;

    /// <summary>Decodes a whole header block into fields, in order; names stay as sent (HTTP/2 requires lower case).</summary>
    /// <exception cref="HttpFormatException">The block is not HPACK, or is longer than the header limit.</exception>
    public List<KeyValuePair<string, string>> Decode(ReadOnlySpan<byte> block)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var listLength = 0;
        var position = 0;
        var fieldSeen = false;
        while (position < block.Length)
        {
            var first = block[position];
            string name;
            string value;
            if ((first & 0x80) != 0)
            {
                (name, value) = Entry(ReadInteger(block, ref position, 7));
            }
            else if ((first & 0xE0) == 0x20)
            {
                // A size update comes only at the start of a block (RFC 7541 §4.2).
                var size = ReadInteger(block, ref position, 5);
                if (fieldSeen || size > MaxTableSize)
                {
                    throw Http2Errors.Compression($"a dynamic table size update to {size} bytes {(fieldSeen ? "after a header field" : "above the 4096 bytes Mocket allows")}");
                }

                _tableLimit = size;
                Evict(0);
                continue;
            }
            else
            {
                var indexed = (first & 0xC0) == 0x40;
                var index = ReadInteger(block, ref position, indexed ? 6 : 4);
                name = index == 0 ? ReadString(block, ref position) : Entry(index).Name;
                value = ReadString(block, ref position);
                if (indexed)
                {
                    Add(name, value);
                }
            }

            fieldSeen = true;
            listLength += name.Length + value.Length + 32;
            if (listLength > maxHeaderListLength)
            {
                throw HttpFormatException.OverLimit(HttpFormatError.HeadersTooLarge, maxHeaderListLength);
            }

            fields.Add(new(name, value));
        }

        return fields;
    }

    /// <summary>Appends a header block: <c>:status</c>, then each field with its name in lower case.</summary>
    public static void Encode(IBufferWriter<byte> output, int status, IEnumerable<KeyValuePair<string, string>> fields)
    {
        if (status > 0)
        {
            var staticIndex = status switch { 200 => 8, 204 => 9, 206 => 10, 304 => 11, 400 => 12, 404 => 13, 500 => 14, _ => 0 };
            if (staticIndex > 0)
            {
                WriteInteger(output, 0x80, 7, staticIndex);
            }
            else
            {
                // Literal without indexing, name :status (index 8).
                WriteInteger(output, 0x00, 4, 8);
                WriteString(output, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (var (name, value) in fields)
        {
            output.GetSpan(1)[0] = 0;
            output.Advance(1);
            WriteString(output, name, lowerCase: true);
            WriteString(output, value);
        }
    }

    private (string Name, string Value) Entry(int index)
    {
        if (index >= 1 && index <= s_static.Length)
        {
            return s_static[index - 1];
        }

        var dynamicIndex = index - s_static.Length - 1;
        if (index == 0 || dynamicIndex >= _dynamic.Count)
        {
            throw Http2Errors.Compression($"the index {index} names no entry (the static table has {s_static.Length}, the dynamic table {_dynamic.Count})");
        }

        return _dynamic[dynamicIndex];
    }

    private void Add(string name, string value)
    {
        var size = name.Length + value.Length + 32;
        Evict(size);
        if (size <= _tableLimit)
        {
            _dynamic.Insert(0, (name, value));
            _tableSize += size;
        }
    }

    /// <summary>Drops the oldest entries until <paramref name="room"/> more bytes fit (all of them when it cannot fit).</summary>
    private void Evict(int room)
    {
        while (_dynamic.Count > 0 && _tableSize + room > _tableLimit)
        {
            var (name, value) = _dynamic[^1];
            _dynamic.RemoveAt(_dynamic.Count - 1);
            _tableSize -= name.Length + value.Length + 32;
        }
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var mask = (1 << prefixBits) - 1;
        var value = block[position++] & mask;
        if (value < mask)
        {
            return value;
        }

        for (var shift = 0; ; shift += 7)
        {
            if (position >= block.Length)
            {
                throw Http2Errors.Compression("the header block ends inside an integer");
            }

            var next = block[position++];
            if (shift > 21)
            {
                throw Http2Errors.Compression("an integer is larger than Mocket reads (2^28)");
            }

            value += (next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }
    }

    private string ReadString(ReadOnlySpan<byte> block, ref int position)
    {
        if (position >= block.Length)
        {
            throw Http2Errors.Compression("the header block ends where a string should start");
        }

        var huffman = (block[position] & 0x80) != 0;
        var length = ReadInteger(block, ref position, 7);
        if (length > block.Length - position)
        {
            throw Http2Errors.Compression($"a string of {length} bytes runs past the end of the header block");
        }

        var encoded = block.Slice(position, length);
        position += length;
        return _recent.Get(encoded, huffman);
    }

    private static void WriteInteger(IBufferWriter<byte> output, byte flags, int prefixBits, int value)
    {
        var span = output.GetSpan(6);
        var mask = (1 << prefixBits) - 1;
        if (value < mask)
        {
            span[0] = (byte)(flags | value);
            output.Advance(1);
            return;
        }

        span[0] = (byte)(flags | mask);
        var written = 1;
        for (value -= mask; value >= 0x80; value >>= 7)
        {
            span[written++] = (byte)((value & 0x7F) | 0x80);
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }

    private static void WriteString(IBufferWriter<byte> output, string text, bool lowerCase = false)
    {
        var length = Encoding.Latin1.GetByteCount(text);
        WriteInteger(output, 0x00, 7, length);
        var bytes = output.GetSpan(length)[..length];
        Encoding.Latin1.GetBytes(text, bytes);
        if (lowerCase)
        {
            // HTTP/2 field names are lower case; Mocket's responses carry Title-Case names for HTTP/1.1.
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] is >= (byte)'A' and <= (byte)'Z')
                {
                    bytes[i] |= 0x20;
                }
            }
        }

        output.Advance(length);
    }
}
