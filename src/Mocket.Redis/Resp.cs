using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis;

/// <summary>
/// RESP for tests: <see cref="Decode"/> and <see cref="TryDecode"/> read what a server or client sent, and the reference's
/// Redisizer (<see cref="Encode(object?)"/>) encodes a .NET value as the RESP reply a Redis server would send.
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

    /// <summary>Reads every whole RESP2/RESP3 value in <paramref name="data"/>.</summary>
    /// <param name="data">Complete RESP input, such as a recorded reply.</param>
    /// <exception cref="RespFormatException">The data is not RESP, or ends inside a value (<see cref="RespFormatError.Truncated"/>).</exception>
    public static IReadOnlyList<RespValue> Decode(ReadOnlyMemory<byte> data) => RespValueReader.ReadAll(data);

    /// <summary>
    /// Reads one whole value from the front of <paramref name="buffer"/> and slices it off; false when the bytes end
    /// before the value does (nothing consumed: call again with more).
    /// </summary>
    /// <param name="buffer">The unconsumed input.</param>
    /// <param name="value">The value read.</param>
    /// <exception cref="RespFormatException">The bytes are not RESP.</exception>
    public static bool TryDecode(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RespValue? value) =>
        new RespValueReader().TryRead(ref buffer, out value);
}
