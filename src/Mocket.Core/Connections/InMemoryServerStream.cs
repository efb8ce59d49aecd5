using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace MocketNet.Connections;

/// <summary>The server's end of an in-memory connection, read by the pump (whole client writes) or by a wrapper such as SslStream.</summary>
internal sealed class InMemoryServerStream(ChannelReader<byte[]> input, PipeWriter output) : Stream
{
    private readonly Lock _writeLock = new();
    private ReadOnlyMemory<byte> _leftover;
    private bool _completed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads one whole client write (or what is left of one); empty at end of stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadChunkAsync(CancellationToken cancellationToken)
    {
        if (!_leftover.IsEmpty)
        {
            var rest = _leftover;
            _leftover = default;
            return rest;
        }

        while (await input.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (input.TryRead(out var chunk))
            {
                return chunk;
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var chunk = await ReadChunkAsync(cancellationToken).ConfigureAwait(false);
        var count = Math.Min(chunk.Length, buffer.Length);
        chunk[..count].CopyTo(buffer);
        _leftover = chunk[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_writeLock)
        {
            if (_completed)
            {
                throw new IOException("The client side of this Mocket connection is closed.");
            }

            output.Write(buffer);

            // The pipe never applies back-pressure (pauseWriterThreshold 0), so the flush completes at once.
            var flush = output.FlushAsync();
            if (!flush.IsCompleted || flush.Result.IsCompleted)
            {
                throw new IOException("The client closed this Mocket connection.");
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Ends the client's reads: with end of stream, or with an IOException carrying <paramref name="error"/>.</summary>
    public void Complete(Exception? error)
    {
        lock (_writeLock)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            output.Complete(error is null or IOException ? error : new IOException(error.Message, error));
        }
    }
}
