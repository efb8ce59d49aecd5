using System.IO.Pipelines;
using System.Threading.Channels;

namespace MocketNet.Connections;

/// <summary>
/// An in-memory "socket": client writes travel as whole chunks (so one write is one raw request),
/// server writes travel through a pipe. No socket, no DNS.
/// </summary>
internal sealed class InMemoryConnection : ServerTransport
{
    // A client's write resumes the pump inline on the writing thread (no thread-pool hop client->server;
    // the pump never blocks: delays and upstream I/O are awaited). The pump's responses resume a waiting
    // client read on the thread pool, not inline: client code must not run on the pump's stack, where a
    // blocking wait for another response (sync-over-async) or for the scope to close would deadlock.
    // A seam whose client is known never to do that may ask for inline resumption (MocketConnectOptions), and
    // so may a session once it knows (HTTP/2: HttpClient reads with a dedicated loop of its own).

    private static readonly UnboundedChannelOptions s_channelOptions = new()
    {
        SingleReader = true,
        SingleWriter = false,
        AllowSynchronousContinuations = true,
    };

    private readonly Channel<ClientWrite> _toServer = Channel.CreateUnbounded<ClientWrite>(s_channelOptions);
    private readonly Pipe _toClient;
    private readonly InMemoryServerStream _server;
    private readonly ClientReadScheduler _clientReads;

    public InMemoryConnection(MocketLocation location, bool resumeClientReadsInline)
    {
        _clientReads = new ClientReadScheduler { ResumesInline = resumeClientReadsInline };
        _toClient = new Pipe(new PipeOptions(
            pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false,
            readerScheduler: _clientReads, writerScheduler: PipeScheduler.ThreadPool));
        _server = new InMemoryServerStream(_toServer.Reader, _toClient.Writer);
        Client = new InMemoryClientStream(location, _toServer.Writer, _toClient.Reader, () => _server.Fault);
    }

    /// <summary>The stream handed to the client.</summary>
    public InMemoryClientStream Client { get; }

    public override Stream Stream => _server;

    public override bool IsLoopback => false;

    public override void Fault(Exception error) => End(error);

    public override void ResumeClientReadsInline() => _clientReads.ResumesInline = true;

    public override void Close() => End(null);

    public override void Dispose() => End(null);

    private void End(Exception? error)
    {
        _server.Complete(error);
        _toServer.Writer.TryComplete();
    }

    /// <summary>Resumes a waiting client read on the thread pool, or inline once the connection's client is known to allow it.</summary>
    private sealed class ClientReadScheduler : PipeScheduler
    {
        private volatile bool _inline;

        public bool ResumesInline
        {
            get => _inline;
            set => _inline = value;
        }

        public override void Schedule(Action<object?> action, object? state)
        {
            if (_inline)
            {
                action(state);
            }
            else
            {
                System.Threading.ThreadPool.UnsafeQueueUserWorkItem(action, state, preferLocal: false);
            }
        }
    }
}
