using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace MocketNet.Benchmarks;

/// <summary>
/// The lower bound for <c>MockHttp.CreateClient()</c>: HttpClient's own HTTP/1.1 code over a bare
/// <see cref="SocketsHttpHandler.ConnectCallback"/> that returns one end of two in-memory pipes, and a responder
/// on the other end that cuts each request (head, then a Content-Length body) and writes a fixed reply.
/// No matching, no logging, no scope: what any in-memory HTTP fake must at least pay.
/// </summary>
public static class InMemoryFloor
{
    private static readonly byte[] s_headEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] s_contentLength = "\r\ncontent-length:"u8.ToArray();
    private static readonly PipeOptions s_inline = new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.ThreadPool, useSynchronizationContext: false);

    /// <summary>Chooses the fixed reply (head and body, already encoded) for a request's head.</summary>
    /// <param name="head">The request line and headers, without the blank line.</param>
    public delegate byte[] Responder(ReadOnlySpan<byte> head);

    /// <summary>An HttpClient whose every connection is served in memory by <paramref name="respond"/>.</summary>
    /// <param name="respond">The reply for each request.</param>
    /// <param name="serveInline">
    /// False: both pipes with their defaults (each side resumes on the thread pool). True: the responder runs on the client's
    /// writing thread as Mocket's pump does, and the client's reads still resume on the thread pool.
    /// </param>
    public static HttpClient CreateClient(Responder respond, bool serveInline = false)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = (_, _) =>
            {
                var toServer = serveInline ? new Pipe(s_inline) : new Pipe();
                var toClient = new Pipe();
                _ = serveInline
                    ? ServeAsync(toServer.Reader, toClient.Writer, respond)
                    : Task.Run(() => ServeAsync(toServer.Reader, toClient.Writer, respond), CancellationToken.None);
                return ValueTask.FromResult<Stream>(new DuplexStream(toClient.Reader.AsStream(), toServer.Writer.AsStream()));
            },
        };
        return new HttpClient(handler);
    }

    /// <summary>A reply: <c>HTTP/1.1 200 OK</c> with the headers a small server sends, and the body.</summary>
    /// <param name="contentType">The Content-Type.</param>
    /// <param name="body">The body.</param>
    public static byte[] Reply(string contentType, ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nServer: floor\r\nDate: Fri, 04 Dec 2026 00:00:00 GMT\r\n" +
            $"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    private static async Task ServeAsync(PipeReader input, PipeWriter output, Responder respond)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var replied = false;
                while (TryCut(ref buffer, out var reply, respond))
                {
                    output.Write(reply);
                    replied = true;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (replied)
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

    /// <summary>Cuts one whole request (head and Content-Length body) off the front of <paramref name="buffer"/>.</summary>
    private static bool TryCut(ref ReadOnlySequence<byte> buffer, out byte[] reply, Responder respond)
    {
        reply = [];
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> headSequence, s_headEnd))
        {
            return false;
        }

        var head = headSequence.IsSingleSegment ? headSequence.FirstSpan : headSequence.ToArray();
        var bodyLength = ContentLength(head);
        if (reader.Remaining < bodyLength)
        {
            return false;
        }

        reader.Advance(bodyLength);
        reply = respond(head);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static long ContentLength(ReadOnlySpan<byte> head)
    {
        Span<byte> lower = head.Length <= 1024 ? stackalloc byte[head.Length] : new byte[head.Length];
        Ascii.ToLower(head, lower, out _);
        var at = lower.IndexOf(s_contentLength);
        if (at < 0)
        {
            return 0;
        }

        var value = lower[(at + s_contentLength.Length)..];
        var end = value.IndexOf((byte)'\r');
        return long.Parse(Encoding.ASCII.GetString(end < 0 ? value : value[..end]).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A duplex Stream over the two pipe ends, as any in-memory transport would hand HttpClient.</summary>
    internal sealed class DuplexStream(Stream input, Stream output) : Stream
    {
        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            input.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            input.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            output.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            output.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => output.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
                output.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
