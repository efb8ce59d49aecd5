using System.Buffers;
using System.Runtime.CompilerServices;
using RESPite.Transports;

namespace MocketNet.Redis.Transport;

// StackExchange.Redis marks its transport seam experimental (SER009: no stability between any two versions).
// Mocket uses it only for the SE.Redis minor version it was built and tested against, and falls back to the
// Stream tunnel otherwise (see Mocket.Redis' MockRedisTunnel.Create).
#pragma warning disable SER009

/// <summary>
/// One of StackExchange.Redis' connections as a push transport over an in-memory Mocket connection:
/// <see cref="Flush"/> hands the staged commands to the pump on the caller's thread, and the pump's
/// replies are delivered to the client's receiver on the pump's thread. An entry's reply is therefore
/// parsed before the command's call returns: no thread hop, no writer loop, no reader loop.
/// </summary>
/// <remarks>
/// Exceptions, where the client's handling needs its caller's thread to have left the flush, and which are
/// therefore delivered from the thread pool instead:
/// <list type="bullet">
/// <item>Transactions flush their WATCH conditions (or, for servers without EXECABORT, their MULTI block)
/// and then wait on a monitor without first checking whether the replies came: a reply parsed inline
/// would pulse no one and the transaction would time out. Replies to a flush holding WATCH or MULTI.</item>
/// <item>A MOVED or ASK error makes the client resend the command from its reply handling, which needs
/// the write lock the flushing caller still holds. Replies holding such an error.</item>
/// <item>The reply to a handshake's tracer (ECHO, or PING where ECHO is renamed away) completes the connection, and the
/// client then writes synchronously (its replication check), which needs the write lock the handshake's flush still
/// holds: a reconnection whose pump was already reading waited for the client's sync timeout, holding the failing command
/// and the next ones (3 connections in 80 in a loop; seen in a stack dump). Replies to a flush holding ECHO or PING.</item>
/// <item>A connection that ends during a flush (an entry's Exception response): reported while the flush had not
/// returned — inside it, or from another thread meanwhile — the client never reconnected. Its close is reported
/// once the flush has returned, from the pool.</item>
/// </list>
/// </remarks>
/// <param name="connection">The client's end of the in-memory connection.</param>
/// <param name="tlsRequested">Whether the configuration asked for TLS (<c>ssl=true</c>): no byte leaves the process, so there is no wire to encrypt and the transport reports itself encrypted.</param>
internal sealed class MockRedisTransport(Stream connection, bool tlsRequested) : DuplexTransport
{
    private const int ReadSize = 16 * 1024;

    // Staged by one writer at a time (the client's write lock), sent whole at Flush.
    private byte[] _staged = new byte[1024];
    private int _stagedCount;
    private int _closed;

    // The thread inside Flush, and whether the replies to what it sends must wait until it has left (see remarks).
    private int _flushingThread;
    private bool _flushRepliesWait;

    // The close, once the server side has ended: reported once, never while a flush has not returned.
    private TransportReceiver? _receiver;
    private Exception? _closeFault;
    private int _closeReady;
    private int _closeReported;

    public override bool IsEncrypted => tlsRequested;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        var needed = _stagedCount + Math.Max(sizeHint, 1);
        if (needed > _staged.Length)
        {
            Array.Resize(ref _staged, Math.Max(needed, _staged.Length * 2));
        }

        return _staged.AsMemory(_stagedCount);
    }

    public override void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_stagedCount + count, _staged.Length, nameof(count));
        _stagedCount += count;
    }

    public override bool Flush()
    {
        var count = _stagedCount;
        _stagedCount = 0;
        if (Volatile.Read(ref _closed) != 0)
        {
            return false;
        }

        if (count == 0)
        {
            return true;
        }

        _flushRepliesWait = RepliesWaitForTheFlush(_staged.AsSpan(0, count));
        Interlocked.Exchange(ref _flushingThread, Environment.CurrentManagedThreadId);
        try
        {
            // The connection copies the bytes before the pump serves them, so staging may resume at once.
            connection.Write(_staged, 0, count);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The connection is over; the receiver hears why from the read side (OnClosed).
            return false;
        }
        finally
        {
            Interlocked.Exchange(ref _flushingThread, 0);
            if (Volatile.Read(ref _closeReady) != 0)
            {
                // The connection ended while this flush ran: the client hears it now that the flush has returned.
                ThreadPool.UnsafeQueueUserWorkItem(static transport => transport.ReportClose(), this, preferLocal: false);
            }
        }
    }

    public override void Start(TransportReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        _receiver = receiver;
        _ = ReceiveAsync(receiver);
    }

    public override ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            connection.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Delivers everything the server side sends, in order, then reports the close exactly once.</summary>
    private async Task ReceiveAsync(TransportReceiver receiver)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        Exception? fault = null;
        try
        {
            while (true)
            {
                var read = await connection.ReadAsync(buffer.AsMemory(0, ReadSize)).ConfigureAwait(false);
                if (Volatile.Read(ref _flushingThread) == Environment.CurrentManagedThreadId &&
                    (_flushRepliesWait || Redirects(buffer.AsSpan(0, read))))
                {
                    await default(ThreadPoolHop);
                }

                if (read == 0 || !receiver.OnReceived(buffer.AsSpan(0, read)))
                {
                    break;
                }

                receiver.OnBatchEnd();
            }
        }
        catch (Exception ex) when (Volatile.Read(ref _closed) != 0 && ex is IOException or ObjectDisposedException)
        {
            // Closed by the client (DisposeAsync): a clean end.
        }
#pragma warning disable CA1031 // Whatever ended the connection (an entry's Exception response, the scope closing under it) is the receiver's to hear.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            fault = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            connection.Dispose();
        }

        // Ready first, then look for a flush: a flush that has not returned sees the close ready when it does, and reports it.
        _closeFault = fault;
        Interlocked.Exchange(ref _closeReady, 1);
        if (Volatile.Read(ref _flushingThread) == 0)
        {
            ReportClose();
        }
    }

    private void ReportClose()
    {
        if (Interlocked.Exchange(ref _closeReported, 1) == 0)
        {
            _receiver!.OnClosed(_closeFault);
        }
    }

    /// <summary>
    /// Whether the commands hold WATCH or MULTI (a transaction step), or ECHO or PING (the handshake's tracer), whose replies the
    /// client handles only once the flush has returned (StackExchange.Redis sends command names upper-case, as bulk strings).
    /// </summary>
    private static bool RepliesWaitForTheFlush(ReadOnlySpan<byte> commands) =>
        Holds(commands, "\r\n$5\r\n"u8, "WATCH"u8, "MULTI"u8) || Holds(commands, "\r\n$4\r\n"u8, "ECHO"u8, "PING"u8);

    /// <summary>Whether a bulk string of this length (its header <paramref name="header"/>) is one of the two names: one scan for both.</summary>
    private static bool Holds(ReadOnlySpan<byte> commands, ReadOnlySpan<byte> header, ReadOnlySpan<byte> name, ReadOnlySpan<byte> other)
    {
        while (commands.IndexOf(header) is var at and >= 0)
        {
            commands = commands[(at + header.Length)..];
            if (commands.StartsWith(name) || commands.StartsWith(other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the replies hold a MOVED or ASK error.</summary>
    private static bool Redirects(ReadOnlySpan<byte> replies) =>
        replies.IndexOf("-MOVED "u8) >= 0 || replies.IndexOf("-ASK "u8) >= 0;

    /// <summary>Continues on the thread pool, whatever the current thread.</summary>
    private readonly struct ThreadPoolHop : ICriticalNotifyCompletion
    {
        public bool IsCompleted => false;

        public ThreadPoolHop GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) =>
            ThreadPool.QueueUserWorkItem(static run => run(), continuation, preferLocal: false);

        public void UnsafeOnCompleted(Action continuation) =>
            ThreadPool.UnsafeQueueUserWorkItem(static run => run(), continuation, preferLocal: false);
    }
}
