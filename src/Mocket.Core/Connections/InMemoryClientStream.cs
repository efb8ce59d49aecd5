using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MocketNet.Connections;

/// <summary>The client's end of an in-memory connection: what <see cref="Mocket.Connect"/> returns.</summary>
internal sealed class InMemoryClientStream(MocketLocation location, ChannelWriter<ClientWrite> output, PipeReader input, Func<IOException?> fault) : Stream
{
    private int _disposed;
    private int _reading;
    private int _inputCompleted;

    public override bool CanRead => _disposed == 0;

    public override bool CanWrite => _disposed == 0;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("A Mocket connection is a network stream; it has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A Mocket connection is a network stream; it has no position.");
        set => throw new NotSupportedException("A Mocket connection is a network stream; it has no position.");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (buffer.IsEmpty)
        {
            return;
        }

        var write = ClientWrite.Copy(buffer);
        if (!output.TryWrite(write))
        {
            write.Return();
            throw fault() ?? new IOException(
                $"The Mocket connection to {location} is closed: its server side ended (after a fault, a protocol error or the end of its scope).");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        StartRead();
        try
        {
            if (!input.TryRead(out var result))
            {
                result = input.ReadAsync().AsTask().GetAwaiter().GetResult();
            }

            return CopyOut(result, buffer);
        }
        finally
        {
            EndRead();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        StartRead();
        var waiting = false;
        try
        {
            // The server side usually answered while the client wrote (the pump runs inline): no async step then.
            if (input.TryRead(out var result))
            {
                return ValueTask.FromResult(CopyOut(result, buffer.Span));
            }

            waiting = true;
            return WaitAndReadAsync(buffer, cancellationToken);
        }
        finally
        {
            if (!waiting)
            {
                EndRead();
            }
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A Mocket connection cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A Mocket connection has no length.");

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            output.TryComplete();

            // A read in progress (HttpClient disposes a connection to cancel a request) is woken up and
            // completes the input itself; otherwise the input is completed here.
            if (Volatile.Read(ref _reading) > 0)
            {
                input.CancelPendingRead();
            }
            else
            {
                CompleteInput();
            }
        }

        base.Dispose(disposing);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> WaitAndReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            return CopyOut(result, buffer.Span);
        }
        finally
        {
            EndRead();
        }
    }

    /// <summary>
    /// Counts a read in, then checks for disposal: in that order a Dispose racing with it either sees the read (and
    /// wakes it) or completed the input before the read looked, which the read then reports as disposal instead of
    /// touching the completed input (that threw InvalidOperationException, about once in 10,000 races).
    /// </summary>
    private void StartRead()
    {
        Interlocked.Increment(ref _reading);
        if (Volatile.Read(ref _disposed) != 0)
        {
            EndRead();
            throw new ObjectDisposedException(nameof(InMemoryClientStream), $"The Mocket connection to {location} was closed.");
        }
    }

    private void EndRead()
    {
        if (Interlocked.Decrement(ref _reading) == 0 && Volatile.Read(ref _disposed) != 0)
        {
            CompleteInput();
        }
    }

    private void CompleteInput()
    {
        if (Interlocked.Exchange(ref _inputCompleted, 1) == 0)
        {
            input.Complete();
        }
    }

    private int CopyOut(ReadResult result, Span<byte> destination)
    {
        if (result.IsCanceled && _disposed != 0)
        {
            // As NetworkStream ends a receive its socket's disposal aborted (a client's timeout or cancellation does that).
            throw new IOException(
                $"Unable to read data from the transport connection: Operation canceled. (The Mocket connection to {location} was closed while a read was waiting.)",
                new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.OperationAborted));
        }

        var available = result.Buffer;
        if (available.IsEmpty && result.IsCompleted && fault() is { } error)
        {
            input.AdvanceTo(available.End);
            throw error;
        }

        var count = (int)Math.Min(available.Length, destination.Length);
        available.Slice(0, count).CopyTo(destination);
        input.AdvanceTo(available.GetPosition(count));
        return count;
    }
}
