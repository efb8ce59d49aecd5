using System.Buffers;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Protocol;

/// <summary>
/// Cuts a real server's reply to one passed-through command: the replies to the state prefix
/// (<see cref="UpstreamState"/>) are read and checked, then exactly one whole RESP value is the reply.
/// Each call scans from the reply's start, but a scan reads element headers only (a bulk string's bytes are
/// counted, not searched), so a large reply arriving in pieces costs little to rescan.
/// </summary>
internal static class UpstreamReplies
{
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, RedisMockRequest request, UpstreamState state, out ReadOnlySequence<byte> response)
    {
        response = default;
        var prefix = state.Prefix();
        string? refusal = null;
        long offset = 0;
        for (var i = 0; i <= prefix.Count; i++)
        {
            if (!new RespScanner(index: false).TryScan(buffer.Slice(offset), out var length))
            {
                return false;
            }

            var reply = buffer.Slice(offset, length);
            offset += length;
            if (i == prefix.Count)
            {
                response = reply;
            }
            else if (refusal is null && reply.FirstSpan[0] is (byte)'-' or (byte)'!')
            {
                refusal = $"{prefix[i].Verb}: {Encoding.UTF8.GetString(reply).TrimEnd()}";
            }
        }

        buffer = buffer.Slice(offset);
        if (refusal is not null)
        {
            throw new IOException(
                $"The real Redis server at {request.Location} refused the connection state Mocket carries over from the client " +
                $"({refusal}). Mocket answers AUTH, HELLO and SELECT itself and sends them before each passed-through command; " +
                "check the password, user and database the client is configured with.");
        }

        return true;
    }
}
