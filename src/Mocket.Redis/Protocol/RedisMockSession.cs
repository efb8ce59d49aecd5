using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Protocols;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Protocol;

/// <summary>
/// Serves one Redis client connection: cuts commands (RESP arrays or inline), writes entry replies in the
/// protocol the client negotiated (RESP2 unless it sent <c>HELLO 3</c>), answers the handshake and
/// housekeeping itself, keeps MULTI/EXEC queues and pub/sub subscriptions, and receives messages other
/// connections of the same scope publish. Replies to a pipeline are held back and written together once
/// the pump has served every command that arrived.
/// </summary>
#pragma warning disable CA1001 // The SemaphoreSlim never creates a wait handle (only WaitAsync/Release are used), so it holds nothing to dispose.
internal sealed class RedisMockSession : MocketProtocolSession<RedisMockRequest, RedisMockResponse>
#pragma warning restore CA1001
{
    /// <summary>Replies held back for a pipeline are written once they reach this size, whatever follows.</summary>
    private const int MaxHeldBack = 64 * 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _held = new(256);
    private readonly RedisCommandReader _commands;
    private List<(RedisMockSession Session, byte[] Frame)>? _deliveries;
    private bool _started;
    private RedisMockRequest? _tunnelRequest;

    public RedisMockSession(MocketConnectionInfo connection)
        : base(connection)
    {
        _commands = new RedisCommandReader(
            connection.Location, connection.Server.TryGetState<RedisLimitsState>(out var limits) ? limits.Limits : RedisMockLimits.Default);
        Hub = PubSubHub.For(connection.Server);
        State = new RedisConnectionState(Hub.NextClientId());
    }

    public RedisConnectionState State { get; }

    public PubSubHub Hub { get; }

    /// <summary>Writes a whole frame to this connection from outside its pump (a message another connection published).</summary>
    public async ValueTask PushAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (!HasStarted)
        {
            throw new IOException("The Redis connection has not started.");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Queues a message frame for another connection, delivered once this connection's own replies are written.</summary>
    public void Deliver(RedisMockSession subscriber, byte[] frame) => (_deliveries ??= []).Add((subscriber, frame));

    protected override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RedisMockRequest? request)
    {
        request = null;
        if (!_started && !buffer.IsEmpty && HttpConnect.MayStart(buffer))
        {
            if (buffer.Length < HttpConnect.Prefix.Length || !HttpConnect.TryRead(ref buffer, Connection.Location, out var connect))
            {
                return false;
            }

            _started = true;
            _tunnelRequest = connect;
            request = connect!;
            return true;
        }

        if (!_commands.TryRead(ref buffer, out request))
        {
            return false;
        }

        _started = true;
        return true;
    }

    protected override bool HasBuiltInAnswer(RedisMockRequest request) =>
        ReferenceEquals(request, _tunnelRequest) || BuiltInCommands.Handles(request);

    protected override ValueTask WriteBuiltInAnswerAsync(RedisMockRequest request, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(request, _tunnelRequest))
        {
            _held.Write(HttpConnect.Established);
        }
        else
        {
            var output = StartReply(request);
            BuiltInCommands.Write(this, request, output);
            EndReply(output);
        }

        return WriteIfFullAsync(cancellationToken);
    }

    protected override ValueTask WriteResponseAsync(RedisMockRequest request, RedisMockResponse response, CancellationToken cancellationToken)
    {
        var output = StartReply(request);

        // A registered entry answered. Entries for MULTI/EXEC/DISCARD (the reference's style) still drive the
        // transaction state, and a registered PUBLISH still reaches subscribers.
        switch (request.Command)
        {
            case "MULTI":
                State.Transaction.Start();
                break;
            case "EXEC" or "DISCARD":
                State.Transaction.End();
                break;
            case "PUBLISH" or "SPUBLISH" when request.Arguments.Count == 2:
                BuiltInCommands.Publish(this, request, output);
                break;
        }

        output.Write(response.Encoded(State.Protocol));
        EndReply(output);
        return WriteIfFullAsync(cancellationToken);
    }

    protected override ValueTask<bool> WriteRefusalAsync(RedisMockRequest request, StrictMocketException violation, CancellationToken cancellationToken)
    {
        // An error reply that also aborts a MULTI block, as an unknown command does.
        State.Transaction.Fail();
        RespWriter.WriteError(_held, "ERR mocket: no entry for '" + OneLine(request.FirstLine) + "'");
        return ValueTask.FromResult(true);
    }

    protected override async ValueTask WriteRejectionAsync(MocketProtocolException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        RespWriter.WriteError(_held, "ERR " + OneLine(error.Message));
        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override ValueTask WriteVerbatimAsync(RedisMockRequest request, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _held.Write(bytes.Span);
        return WriteIfFullAsync(cancellationToken);
    }

    protected override async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        if (_held.WrittenCount > 0)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteAsync(_held.WrittenMemory, cancellationToken).ConfigureAwait(false);
                _held.ResetWrittenCount();
            }
            finally
            {
                _writeLock.Release();
            }
        }

        if (_deliveries is { } deliveries)
        {
            _deliveries = null;
            await DeliverAsync(deliveries, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override ReadOnlyMemory<byte> GetUpstreamRequest(RedisMockRequest request) => State.Upstream.Request(request.Data);

    protected override bool TryReadUpstreamResponse(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, RedisMockRequest request, out ReadOnlySequence<byte> response) =>
        UpstreamReplies.TryRead(ref buffer, request, State.Upstream, out response);

    private static bool IsTransactionControl(string verb) => verb is "MULTI" or "EXEC" or "DISCARD" or "WATCH" or "QUIT" or "RESET";

    /// <summary>A status or error line holds no CR or LF: a client's text is flattened before it is quoted in one.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>
    /// Where a command's reply is composed: the held-back bytes, or (inside MULTI, for a command that is not
    /// transaction control) a buffer of its own, whose reply goes into EXEC's array (see <see cref="EndReply"/>).
    /// </summary>
    private ArrayBufferWriter<byte> StartReply(RedisMockRequest request) =>
        State.Transaction.InMulti && !IsTransactionControl(request.Command) ? new ArrayBufferWriter<byte>() : _held;

    private void EndReply(ArrayBufferWriter<byte> output)
    {
        if (!ReferenceEquals(output, _held))
        {
            State.Transaction.Queue(output.WrittenSpan.ToArray());
            RespWriter.WriteSimpleString(_held, "QUEUED");
        }
    }

    private ValueTask WriteIfFullAsync(CancellationToken cancellationToken) =>
        _held.WrittenCount >= MaxHeldBack ? WritePendingAsync(cancellationToken) : ValueTask.CompletedTask;

    private async ValueTask DeliverAsync(List<(RedisMockSession Session, byte[] Frame)> deliveries, CancellationToken cancellationToken)
    {
        foreach (var (session, frame) in deliveries)
        {
            try
            {
                await session.PushAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // That subscriber's connection is gone: stop delivering to it.
                Hub.Remove(session);
            }
        }
    }
}
