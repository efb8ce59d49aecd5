using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Grpc.Core;

namespace MocketNet.Grpc;

/// <summary>gRPC over HTTP/2 (the PROTOCOL-HTTP2 spec): length-prefixed messages, <c>grpc-timeout</c>, <c>grpc-message</c>'s percent-encoding, metadata.</summary>
internal static class GrpcWire
{
    public const string ContentType = "application/grpc";

    /// <summary>The messages of a request body, each deserialized.</summary>
    /// <exception cref="RpcException">The body is not length-prefixed messages, or a message is compressed (Mocket reads identity only).</exception>
    public static List<T> ReadMessages<T>(ReadOnlySpan<byte> body, Marshaller<T> marshaller)
    {
        var messages = new List<T>();
        while (!body.IsEmpty)
        {
            if (body.Length < 5)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"Mocket received a gRPC request body that ends inside a message prefix ({body.Length} of 5 bytes)."));
            }

            if (body[0] != 0)
            {
                throw new RpcException(new Status(
                    StatusCode.Unimplemented,
                    "Mocket received a compressed gRPC message; it reads uncompressed ones only. Leave GrpcChannelOptions.CompressionProviders and the grpc-internal-encoding-request header unset in tests."));
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
            if (length > body.Length - 5)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"Mocket received a gRPC message of {length} bytes in a body with {body.Length - 5} left."));
            }

            messages.Add(marshaller.ContextualDeserializer(new PayloadReader(body.Slice(5, (int)length).ToArray())));
            body = body[(5 + (int)length)..];
        }

        return messages;
    }

    public static byte[] WriteMessages<T>(IEnumerable<T> messages, Marshaller<T> marshaller)
    {
        using var body = new MemoryStream();
        Span<byte> prefix = stackalloc byte[5];
        var writer = new PayloadWriter();
        foreach (var message in messages)
        {
            writer.Reset();
            marshaller.ContextualSerializer(message, writer);
            var bytes = writer.Payload;
            prefix[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)bytes.Length);
            body.Write(prefix);
            body.Write(bytes);
        }

        return body.ToArray();
    }

    /// <summary>A message's bytes for a marshaller's contextual deserializer (generated code reads the sequence; others the array).</summary>
    private sealed class PayloadReader(byte[] payload) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

        public override System.Buffers.ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
    }

    /// <summary>Takes a message from a marshaller's contextual serializer, whether it writes to the buffer writer (generated code) or completes with an array.</summary>
    private sealed class PayloadWriter : SerializationContext
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new();
        private byte[]? _completed;

        public ReadOnlySpan<byte> Payload => _completed ?? _buffer.WrittenSpan;

        public void Reset()
        {
            _buffer.ResetWrittenCount();
            _completed = null;
        }

        public override void Complete(byte[] payload) => _completed = payload;

        public override System.Buffers.IBufferWriter<byte> GetBufferWriter() => _buffer;

        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override void Complete()
        {
        }
    }

    /// <summary>The call's deadline from <c>grpc-timeout</c> (an integer and a unit: H, M, S, m, u, n), or null.</summary>
    public static TimeSpan? Timeout(string? text)
    {
        if (text is null || text.Length < 2
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return text[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    /// <summary>Metadata as HTTP fields: binary values (keys ending in <c>-bin</c>) in base64.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Fields(Metadata? metadata) =>
        metadata is null ? [] : metadata.Select(e => new KeyValuePair<string, string>(e.Key, e.IsBinary ? Convert.ToBase64String(e.ValueBytes) : e.Value));

    /// <summary><c>grpc-message</c>'s encoding: bytes outside printable ASCII, and '%', as %XX of their UTF-8.</summary>
    public static string PercentEncode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
