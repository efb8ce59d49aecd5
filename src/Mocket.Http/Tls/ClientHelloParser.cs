using System.Buffers.Binary;
using System.Text;

namespace MocketNet.Http.Tls;

/// <summary>
/// Reads SNI and ALPN from the first bytes of a TLS connection (RFC 8446 §4.1.2, RFC 6066 §3, RFC 7301),
/// incrementally: false while the ClientHello has not all arrived (it may span several records);
/// <see cref="MocketProtocolException"/> when the bytes are not a ClientHello.
/// </summary>
internal static class ClientHelloParser
{
    private const byte HandshakeRecord = 0x16;
    private const byte ClientHelloType = 0x01;
    private const int RecordHeaderLength = 5;
    private const int MaxHelloLength = 64 * 1024;

    /// <summary>Whether the first byte of a connection starts a TLS handshake.</summary>
    public static bool LooksLikeTls(byte first) => first == HandshakeRecord;

    public static bool TryParse(ReadOnlySpan<byte> data, out ClientHello? hello)
    {
        hello = null;
        var handshake = new List<byte>();
        var offset = 0;
        var needed = -1;
        while (needed < 0 || handshake.Count < needed)
        {
            if (data.Length - offset < RecordHeaderLength)
            {
                return false;
            }

            if (data[offset] != HandshakeRecord || data[offset + 1] != 0x03)
            {
                throw Malformed("the bytes are not a TLS handshake record");
            }

            var recordLength = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 3)..]);
            if (data.Length - offset - RecordHeaderLength < recordLength)
            {
                return false;
            }

            handshake.AddRange(data.Slice(offset + RecordHeaderLength, recordLength));
            offset += RecordHeaderLength + recordLength;
            if (needed < 0 && handshake.Count >= 4)
            {
                if (handshake[0] != ClientHelloType)
                {
                    throw Malformed("the first handshake message is not a ClientHello");
                }

                needed = 4 + ((handshake[1] << 16) | (handshake[2] << 8) | handshake[3]);
                if (needed > MaxHelloLength)
                {
                    throw Malformed("the ClientHello is longer than 64 KiB");
                }
            }
        }

        hello = ParseBody(handshake.ToArray().AsSpan(4, needed - 4));
        return true;
    }

    private static ClientHello ParseBody(ReadOnlySpan<byte> body)
    {
        var reader = new Reader(body);
        reader.Skip(2 + 32);                      // legacy_version, random
        reader.Skip(reader.U8());                 // legacy_session_id
        reader.Skip(reader.U16());                // cipher_suites
        reader.Skip(reader.U8());                 // legacy_compression_methods
        string? serverName = null;
        var protocols = new List<string>();
        if (reader.Remaining == 0)
        {
            return new ClientHello(null, protocols);
        }

        var extensions = new Reader(reader.Take(reader.U16()));
        while (extensions.Remaining > 0)
        {
            var type = extensions.U16();
            var content = new Reader(extensions.Take(extensions.U16()));
            if (type == 0)
            {
                var list = new Reader(content.Take(content.U16()));
                while (list.Remaining > 0)
                {
                    var nameType = list.U8();
                    var name = list.Take(list.U16());
                    if (nameType == 0)
                    {
                        serverName = Encoding.ASCII.GetString(name);
                    }
                }
            }
            else if (type == 16)
            {
                var list = new Reader(content.Take(content.U16()));
                while (list.Remaining > 0)
                {
                    protocols.Add(Encoding.ASCII.GetString(list.Take(list.U8())));
                }
            }
        }

        return new ClientHello(serverName, protocols);
    }

    private static MocketProtocolException Malformed(string what) =>
        new($"Mocket expected a TLS ClientHello on this connection, but {what}. Point an https client (or plain http without TLS) at it.");

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public readonly int Remaining => _data.Length;

        public int U8() => Take(1)[0];

        public int U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

        public void Skip(int count) => Take(count);

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count > _data.Length)
            {
                throw Malformed("the ClientHello is truncated inside a length-prefixed field");
            }

            var taken = _data[..count];
            _data = _data[count..];
            return taken;
        }
    }
}
