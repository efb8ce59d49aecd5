using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace MocketNet.Benchmarks;

/// <summary>
/// The Stream seam's floor: StackExchange.Redis' own code over a hand-written in-memory stream that answers each command
/// with fixed bytes (GET foo: <c>$3 bar</c>) on the writing thread and resumes the client's waiting read inline, as Mocket's
/// pump does with the Redis tunnel. No parsing beyond finding whole commands, no matching, no log: what any in-memory fake
/// of a Redis server behind <see cref="Tunnel"/> costs at least with this client and its SocketManager.
/// </summary>
internal sealed class RedisFloorTunnel : Tunnel
{
    /// <summary>The floor's options; <paramref name="threadPool"/> sets <c>SocketManager.ThreadPool</c> (2.x's scheduler of the client's reads).</summary>
    public static ConfigurationOptions Options(bool threadPool = false)
    {
        var options = ConfigurationOptions.Parse("localhost:6379");
        options.Tunnel = new RedisFloorTunnel();
        options.Protocol = RedisProtocol.Resp2;
#pragma warning disable CS0618 // Obsolete (and unused) in StackExchange.Redis 3.x; it schedules the client's reads on 2.x.
        if (threadPool)
        {
            options.SocketManager = SocketManager.ThreadPool;
        }
#pragma warning restore CS0618
        return options;
    }

    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult<EndPoint?>(null);

    public override ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream?>(new FixedReplyStream());

    private sealed class FixedReplyStream : Stream
    {
        private static readonly byte[] s_bar = "$3\r\nbar\r\n"u8.ToArray();
        private static readonly byte[] s_nil = "$-1\r\n"u8.ToArray();
        private static readonly byte[] s_ok = "+OK\r\n"u8.ToArray();

        private readonly Pipe _replies = new(new PipeOptions(
            readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));

        private byte[] _pending = [];

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var result = await _replies.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var available = result.Buffer;
            if (available.IsEmpty && result.IsCompleted)
            {
                return 0;
            }

            var count = (int)Math.Min(available.Length, buffer.Length);
            available.Slice(0, count).CopyTo(buffer.Span);
            _replies.Reader.AdvanceTo(available.GetPosition(count));
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Answer(buffer.Span);
            var flush = _replies.Writer.FlushAsync(cancellationToken);
            return flush.IsCompletedSuccessfully ? default : new ValueTask(flush.AsTask());
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _replies.Writer.Complete();
            base.Dispose(disposing);
        }

        /// <summary>Replies to each whole command in what was written; a partial one waits for the next write.</summary>
        private void Answer(ReadOnlySpan<byte> written)
        {
            byte[]? joined = null;
            if (_pending.Length > 0)
            {
                joined = [.. _pending, .. written];
                written = joined;
            }

            while (TryReadCommand(written, out var name, out var firstArgument, out var consumed))
            {
                _replies.Writer.Write(Reply(name, firstArgument));
                written = written[consumed..];
            }

            _pending = written.IsEmpty ? [] : written.ToArray();
        }

        private static byte[] Reply(ReadOnlySpan<byte> name, ReadOnlySpan<byte> argument)
        {
            if (name.SequenceEqual("GET"u8))
            {
                return argument.SequenceEqual("foo"u8) ? s_bar : s_nil;
            }

            // The handshake: enough for the client to connect, not a server.
            return Encoding.ASCII.GetString(name).ToUpperInvariant() switch
            {
                "PING" => "+PONG\r\n"u8.ToArray(),
                "ECHO" => Bulk(argument),
                "CLIENT" or "SELECT" => s_ok,
                "INFO" => "$0\r\n\r\n"u8.ToArray(),
                "CONFIG" => "*0\r\n"u8.ToArray(),
                "ROLE" => "*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n"u8.ToArray(),
                "SUBSCRIBE" => [.. "*3\r\n$9\r\nsubscribe\r\n"u8, .. Bulk(argument), .. ":1\r\n"u8],
                _ => "-ERR unknown command\r\n"u8.ToArray(),
            };
        }

        private static byte[] Bulk(ReadOnlySpan<byte> value) =>
            [.. Encoding.ASCII.GetBytes($"${value.Length}\r\n"), .. value, .. "\r\n"u8];

        /// <summary>One whole RESP command (an array of bulk strings): its name, first argument and length.</summary>
        private static bool TryReadCommand(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> firstArgument, out int consumed)
        {
            name = firstArgument = default;
            consumed = 0;
            if (!TryReadLine(data, '*', ref consumed, out var count))
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                if (!TryReadLine(data, '$', ref consumed, out var length) || data.Length < consumed + length + 2)
                {
                    return false;
                }

                var value = data.Slice(consumed, length);
                if (i == 0)
                {
                    name = value;
                }
                else if (i == 1)
                {
                    firstArgument = value;
                }

                consumed += length + 2;
            }

            return true;
        }

        private static bool TryReadLine(ReadOnlySpan<byte> data, char prefix, ref int offset, out int number)
        {
            number = 0;
            var end = data[offset..].IndexOf("\r\n"u8);
            if (end < 1 || data[offset] != prefix)
            {
                return false;
            }

            foreach (var digit in data.Slice(offset + 1, end - 1))
            {
                number = (number * 10) + (digit - '0');
            }

            offset += end + 2;
            return true;
        }
    }
}
