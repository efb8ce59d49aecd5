using System.Buffers;
using MocketNet.Protocols;

namespace MocketNet.Connections;

/// <summary>A pump's real connection for pass-through ("true socket"): opened on first use, kept while requests go to the same location.</summary>
internal sealed class Upstream
{
    private const int ReadSize = 16 * 1024;

    private Stream? _stream;
    private MocketLocation _location;
    private ByteBuffer? _buffer;

    /// <summary>Sends one request upstream and reads its reply; null when the server closed before answering.</summary>
    public async ValueTask<byte[]?> ExchangeAsync(MocketProtocolSession session, MocketRequest request, ReadOnlyMemory<byte> bytes, CancellationToken cancellation)
    {
        if (_stream is not null && _location != request.Location)
        {
            Drop();
        }

        var upstream = _stream ??= await session.OpenUpstreamFor(request, cancellation).ConfigureAwait(false);
        _location = request.Location;
        await upstream.WriteAsync(bytes, cancellation).ConfigureAwait(false);
        await upstream.FlushAsync(cancellation).ConfigureAwait(false);

        var buffer = _buffer ??= new ByteBuffer();
        var completed = false;
        while (true)
        {
            if (buffer.Length > 0 || completed)
            {
                var readable = buffer.Readable;
                if (session.TryReadUpstreamReply(ref readable, completed, request, out var cut))
                {
                    var reply = cut.ToArray();
                    buffer.Consume(buffer.Length - readable.Length);
                    if (completed)
                    {
                        Drop();
                    }

                    return reply;
                }
            }

            if (completed)
            {
                Drop();
                return null;
            }

            var read = await upstream.ReadAsync(buffer.GetWritable(ReadSize), cancellation).ConfigureAwait(false);
            buffer.Advance(read);
            completed = read == 0;
        }
    }

    public void Drop()
    {
        _stream?.Dispose();
        _stream = null;
        _buffer = null;
    }
}
