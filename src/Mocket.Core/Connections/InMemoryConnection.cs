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
    // A seam whose client is known never to do that may ask for inline resumption (MocketConnectOptions).
    private static readonly PipeOptions s_pipeOptions = Options(PipeScheduler.ThreadPool);
    private static readonly PipeOptions s_inlinePipeOptions = Options(PipeScheduler.Inline);

    private static readonly UnboundedChannelOptions s_channelOptions = new()
    {
        SingleReader = true,
        SingleWriter = false,
        AllowSynchronousContinuations = true,
    };

    private readonly Channel<ClientWrite> _toServer = Channel.CreateUnbounded<ClientWrite>(s_channelOptions);
    private readonly Pipe _toClient;
    private readonly InMemoryServerStream _server;

    public InMemoryConnection(MocketLocation location, bool resumeClientReadsInline)
    {
        _toClient = new Pipe(resumeClientReadsInline ? s_inlinePipeOptions : s_pipeOptions);
        _server = new InMemoryServerStream(_toServer.Reader, _toClient.Writer);
        Client = new InMemoryClientStream(location, _toServer.Writer, _toClient.Reader, () => _server.Fault);
    }

    /// <summary>The stream handed to the client.</summary>
    public InMemoryClientStream Client { get; }

    public override Stream Stream => _server;

    public override bool IsLoopback => false;

    public override void Fault(Exception error) => End(error);

    public override void Close() => End(null);

    public override void Dispose() => End(null);

    private static PipeOptions Options(PipeScheduler clientReads) => new(
        pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false,
        readerScheduler: clientReads, writerScheduler: PipeScheduler.ThreadPool);

    private void End(Exception? error)
    {
        _server.Complete(error);
        _toServer.Writer.TryComplete();
    }
}
