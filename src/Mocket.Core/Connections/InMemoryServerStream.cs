using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MocketNet.Protocols;

namespace MocketNet.Connections;

/// <summary>The server's end of an in-memory connection, read by the pump (whole client writes) or by a wrapper such as SslStream.</summary>
internal sealed class InMemoryServerStream(ChannelReader<ClientWrite> input, PipeWriter output) : Stream
{
    private readonly Lock _writeLock = new();
    private ClientWrite _current;
    private ReadOnlyMemory<byte> _leftover;
    private bool _completed;
    private volatile IOException? _fault;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Appends the next client write (or what is left of one) to <paramref name="destination"/>; false at
    /// end of stream. It takes no cancellation token: closing the scope aborts the pump, which completes
    /// the connection and so ends a waiting read (and a cancellable wait on the channel would allocate
    /// on every read).
    /// </summary>
    /// <param name="destination">The pump's buffer.</param>
    /// <remarks>One async step, not nested ones: on the in-memory hot path each resumed layer costs.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadIntoAsync(ByteBuffer destination)
    {
        while (!TryNextChunk())
        {
            if (!await input.WaitToReadAsync().ConfigureAwait(false))
            {
                return false;
            }
        }

        destination.Append(_leftover.Span);
        Consume(_leftover.Length);
        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Not cancellable, like ReadIntoAsync: ending the connection ends the wait.
        while (!TryNextChunk())
        {
            if (!await input.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                return 0;
            }
        }

        var count = Math.Min(_leftover.Length, buffer.Length);
        _leftover[..count].CopyTo(buffer);
        Consume(count);
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

    /// <summary>Why the connection failed, once it has; the client reads what was sent before, then this.</summary>
    public IOException? Fault => _fault;

    /// <summary>Makes the rest of the current client write, or the next one already sent, <see cref="_leftover"/>; false if none has come yet.</summary>
    private bool TryNextChunk()
    {
        if (!_leftover.IsEmpty)
        {
            return true;
        }

        if (!input.TryRead(out var write))
        {
            return false;
        }

        _current = write;
        _leftover = write.Bytes;
        return true;
    }

    private void Consume(int count)
    {
        _leftover = _leftover[count..];
        if (_leftover.IsEmpty)
        {
            _current.Return();
            _current = default;
        }
    }

    /// <summary>
    /// Ends the client's reads: after the bytes already sent, with end of stream, or with an
    /// IOException carrying <paramref name="error"/>.
    /// </summary>
    public void Complete(Exception? error)
    {
        lock (_writeLock)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _fault = error is null ? null : MocketServer.ConnectionFailure(error);
            output.Complete();
        }
    }
}
