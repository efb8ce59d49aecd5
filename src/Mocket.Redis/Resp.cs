using System.Buffers;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis;

/// <summary>
/// The reference's Redisizer: encodes a .NET value as the RESP reply a Redis server would send.
/// string (UTF-8) and byte[] become bulk strings, integer types integers, null the nil bulk string
/// (<c>$-1</c>), a dictionary a flat array of key, value (a RESP3 map in RESP3), any other sequence an
/// array; <see cref="MockRedis.Ok"/> is <c>+OK</c>, <see cref="MockRedis.Queued"/> <c>+QUEUED</c> and
/// <see cref="MockRedis.Error"/> <c>-message</c>.
/// </summary>
public static class Resp
{
    /// <summary>Encodes <paramref name="value"/> as a RESP2 reply.</summary>
    /// <param name="value">The reply value.</param>
    /// <exception cref="ArgumentException">The value's type has no RESP form.</exception>
    public static byte[] Encode(object? value) => Encode(value, protocol: 2);

    /// <summary>Encodes <paramref name="value"/> as a RESP2 or RESP3 reply.</summary>
    /// <param name="value">The reply value.</param>
    /// <param name="protocol">2 or 3. RESP3 sends null as <c>_</c>, dictionaries as maps, sets as sets, booleans and doubles natively.</param>
    /// <exception cref="ArgumentException">The value's type has no RESP form.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The protocol is not 2 or 3.</exception>
    public static byte[] Encode(object? value, int protocol)
    {
        if (protocol is not (2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "RESP protocol versions are 2 and 3.");
        }

        var output = new ArrayBufferWriter<byte>();
        RespEncoder.Encode(value, output, protocol);
        return output.WrittenSpan.ToArray();
    }
}
