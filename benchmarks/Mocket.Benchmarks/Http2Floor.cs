using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;

namespace MocketNet.Benchmarks;

/// <summary>
/// The lower bound for a gRPC unary call served in memory: Grpc.Net.Client and HttpClient's own HTTP/2 code over a bare
/// <see cref="SocketsHttpHandler.ConnectCallback"/>, and a responder that reads frame headers only and answers each request
/// stream that ends with the same fixed frames (HEADERS, one DATA message, trailers). No HPACK decoding, no matching, no
/// logging, no scope: what any in-memory HTTP/2 fake must at least pay. It runs as Mocket's pump does: on the client's
/// writing thread, and it resumes the client's frame reader inline.
/// </summary>
public static class Http2Floor
{
    private const byte Data = 0x0, Headers = 0x1, Settings = 0x4, Ping = 0x6, WindowUpdate = 0x8;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;

    private static readonly PipeOptions s_inline = new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.ThreadPool, useSynchronizationContext: false);

    /// <summary>A gRPC channel's handler whose every connection is answered with <paramref name="message"/> (a serialized reply).</summary>
    /// <param name="message">The reply message's protobuf bytes.</param>
    public static SocketsHttpHandler CreateGrpcHandler(byte[] message) => new()
    {
        UseProxy = false,
        ConnectCallback = (_, _) =>
        {
            var toServer = new Pipe(s_inline);
            var toClient = new Pipe(s_inline);
            _ = ServeAsync(toServer.Reader, toClient.Writer, message);
            return ValueTask.FromResult<Stream>(new InMemoryFloor.DuplexStream(toClient.Reader.AsStream(), toServer.Writer.AsStream()));
        },
    };

    private static async Task ServeAsync(PipeReader input, PipeWriter output, byte[] message)
    {
        var prefaceSeen = false;
        try
        {
            // The server's SETTINGS, and the most a connection window can open: the client never waits for window.
            WriteFrame(output, Settings, 0, 0, []);
            WriteFrame(output, WindowUpdate, 0, 0, [0x7F, 0xFF, 0x00, 0x00]);
            await output.FlushAsync().ConfigureAwait(false);
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!prefaceSeen && buffer.Length >= 24)
                {
                    buffer = buffer.Slice(24);
                    prefaceSeen = true;
                }

                var wrote = false;
                while (prefaceSeen && TryFrame(ref buffer, out var type, out var flags, out var streamId, out var payload))
                {
                    wrote |= Answer(output, type, flags, streamId, payload, message);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (wrote)
                {
                    await output.FlushAsync().ConfigureAwait(false);
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool Answer(PipeWriter output, byte type, byte flags, int streamId, byte[] payload, byte[] message)
    {
        switch (type)
        {
            case Settings when (flags & Ack) == 0:
                WriteFrame(output, Settings, Ack, 0, []);
                return true;
            case Ping when (flags & Ack) == 0:
                WriteFrame(output, Ping, Ack, 0, payload);
                return true;
            case Data or Headers when (flags & EndStream) != 0:
                // :status 200 (static index 8), then content-type as a literal; the message with its gRPC prefix; grpc-status 0.
                WriteFrame(output, Headers, EndHeaders, streamId, [0x88, .. Literal("content-type", "application/grpc")]);
                var data = new byte[5 + message.Length];
                BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(1), message.Length);
                message.CopyTo(data, 5);
                WriteFrame(output, Data, 0, streamId, data);
                WriteFrame(output, Headers, EndHeaders | EndStream, streamId, Literal("grpc-status", "0"));
                return true;
            default:
                return false;
        }
    }

    private static byte[] Literal(string name, string value) =>
        [0x00, (byte)name.Length, .. Encoding.ASCII.GetBytes(name), (byte)value.Length, .. Encoding.ASCII.GetBytes(value)];

    private static bool TryFrame(ref ReadOnlySequence<byte> buffer, out byte type, out byte flags, out int streamId, out byte[] payload)
    {
        (type, flags, streamId, payload) = (0, 0, 0, []);
        if (buffer.Length < 9)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[9];
        buffer.Slice(0, 9).CopyTo(head);
        var length = (head[0] << 16) | (head[1] << 8) | head[2];
        if (buffer.Length < 9 + length)
        {
            return false;
        }

        (type, flags, streamId) = (head[3], head[4], BinaryPrimitives.ReadInt32BigEndian(head[5..]) & 0x7FFFFFFF);
        payload = buffer.Slice(9, length).ToArray();
        buffer = buffer.Slice(9 + length);
        return true;
    }

    private static void WriteFrame(PipeWriter output, byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        var span = output.GetSpan(9 + payload.Length);
        span[0] = (byte)(payload.Length >> 16);
        span[1] = (byte)(payload.Length >> 8);
        span[2] = (byte)payload.Length;
        span[3] = type;
        span[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(span[5..], streamId);
        payload.CopyTo(span[9..]);
        output.Advance(9 + payload.Length);
    }
}
