using System.Buffers;
using System.Text;

namespace MocketNet.Redis.Protocol;

/// <summary>
/// The HTTP CONNECT a client sends first when it reaches Mocket through an HTTP tunnel
/// (StackExchange.Redis' <c>tunnel=http:host:port</c>): <c>CONNECT host:port HTTP/1.1</c>, headers, a blank line.
/// </summary>
internal static class HttpConnect
{
    private const int MaxLength = 8 * 1024;

    public static ReadOnlySpan<byte> Prefix => "CONNECT "u8;

    public static ReadOnlySpan<byte> Established => "HTTP/1.1 200 Connection established\r\n\r\n"u8;

    /// <summary>Whether the buffer starts with (or, so far, could start with) a CONNECT request.</summary>
    public static bool MayStart(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Prefix.Length);
        Span<byte> head = stackalloc byte[length];
        buffer.Slice(0, length).CopyTo(head);
        return Prefix.StartsWith(head);
    }

    /// <summary>Reads the whole CONNECT request; false when its blank line has not arrived.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, MocketLocation location, out RedisMockRequest? request)
    {
        request = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8))
        {
            if (buffer.Length > MaxLength)
            {
                throw Codec.RespFormatException.Create(Codec.RespFormatError.InvalidTunnelRequest, MaxLength);
            }

            return false;
        }

        var data = buffer.Slice(0, reader.Position).ToArray();
        var line = Encoding.ASCII.GetString(head).Split("\r\n")[0].Split(' ');
        var target = line.Length > 1 ? line[1] : string.Empty;
        request = new RedisMockRequest(location.Host, location.Port, data, "CONNECT", [Encoding.ASCII.GetBytes(target)]);
        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
