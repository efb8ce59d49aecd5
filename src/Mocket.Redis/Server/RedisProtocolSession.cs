using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Protocols;
using MocketNet.Redis.Codec;
using MocketNet.Redis.Recording;

namespace MocketNet.Redis.Server;

/// <summary>
/// Serves one Redis client connection: cuts commands (RESP arrays or inline), writes entry replies in
/// the protocol the client negotiated (RESP2 unless it sent <c>HELLO 3</c>), answers the handshake and
/// housekeeping itself, keeps MULTI/EXEC queues and pub/sub subscriptions, and receives messages other
/// connections of the same scope publish.
/// </summary>
#pragma warning disable CA1001 // The SemaphoreSlim never creates a wait handle (only WaitAsync/Release are used), so it holds nothing to dispose.
internal sealed class RedisProtocolSession : MocketProtocolSession
#pragma warning restore CA1001
{
    /// <summary>Replies held back for a pipeline are written once they reach this size, whatever follows.</summary>
    private const int MaxHeldBack = 64 * 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private Stream? _output;
    private bool _started;
    private bool _moreBuffered;
    private RedisMockRequest? _tunnelRequest;
    private bool _inMulti;
    private bool _multiFailed;
    private List<byte[]>? _queued;

    public RedisProtocolSession(MocketConnectionInfo connection)
        : base(connection)
    {
        Hub = PubSubHub.For(connection.Scope);
        ClientId = Hub.NextClientId();
    }

    /// <summary>The RESP version spoken: 2 until the client sends <c>HELLO 3</c>.</summary>
    public int Protocol { get; set; } = 2;

    public long ClientId { get; }

    public string? ClientName { get; set; }

    /// <summary>The database the client selected (SELECT), carried to the real server on pass-through.</summary>
    public int Database { get; set; }

    /// <summary>The user name the client authenticated with (AUTH, HELLO … AUTH), if it gave one.</summary>
    public byte[]? AuthUser { get; set; }

    /// <summary>The password the client authenticated with, carried to the real server on pass-through.</summary>
    public byte[]? AuthPassword { get; set; }

    public PubSubHub Hub { get; }

    public Subscriptions Subscriptions { get; } = new();

    public bool InMulti => _inMulti;

    public override ValueTask<Stream> AcceptAsync(Stream transport, CancellationToken cancellationToken)
    {
        _output = transport;
        return ValueTask.FromResult(transport);
    }

    public override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
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

        if (!RedisRequestReader.TryRead(ref buffer, Connection.Location, out var command))
        {
            return false;
        }

        // Another whole command already waiting means the client pipelined: its reply can go out with this one.
        _moreBuffered = HasWholeCommand(buffer);
        command.Session = this;
        command.Upstream = new UpstreamState(Protocol, AuthUser, AuthPassword, Database);
        _started = true;
        request = command;
        return true;
    }

    public override bool TryGetBuiltInResponse(MocketRequest request, [NotNullWhen(true)] out object? response)
    {
        response = request is RedisMockRequest command && (ReferenceEquals(command, _tunnelRequest) || BuiltInCommands.Handles(command))
            ? BuiltInAnswer.Instance
            : null;
        if (response is null)
        {
            // Core will refuse it or pass it through to the real server, which writes straight to the
            // client: the replies held back for earlier pipelined commands must go first.
            FlushHeldBack();
        }

        return response is not null;
    }

    public override bool TryGetRefusal(MocketRequest request, StrictMocketException violation, [NotNullWhen(true)] out object? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        response = new RedisRefusal(RedisReply.Error($"ERR mocket: no entry for '{request.FirstLine}'"));
        return true;
    }

    public override async ValueTask WriteResponseAsync(Stream output, MocketRequest request, object response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var command = (RedisMockRequest)request;
        List<(RedisProtocolSession Session, byte[] Frame)>? deliveries = null;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Compose(command, response, ref deliveries);
            if (!_moreBuffered || _buffer.WrittenCount >= MaxHeldBack)
            {
                await output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                _buffer.ResetWrittenCount();
            }
        }
        finally
        {
            _writeLock.Release();
        }

        if (deliveries is not null)
        {
            await DeliverAsync(deliveries, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask WriteProtocolErrorAsync(Stream output, MocketProtocolException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        FlushHeldBack();
        var reply = Resp.Encode(RedisReply.Error("ERR " + error.Message.ReplaceLineEndings(" ")));
        await PushAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public override ReadOnlyMemory<byte> GetUpstreamRequest(MocketRequest request) =>
        request is RedisMockRequest command ? command.Upstream.Request(command.Data) : base.GetUpstreamRequest(request);

    public override bool TryReadUpstreamResponse(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, MocketRequest request, out ReadOnlySequence<byte> response) =>
        UpstreamReplies.TryRead(ref buffer, request as RedisMockRequest, out response);

    public override ReadOnlyMemory<byte> GetRecordedRequest(ReadOnlyMemory<byte> request, MocketRedaction redaction) =>
        RedisRecording.Request(request, redaction);

    public override ReadOnlyMemory<byte> GetRecordedResponse(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction) =>
        RedisRecording.Response(request, response, redaction);

    public override ReadOnlyMemory<byte> NormalizeRecordedRequest(ReadOnlyMemory<byte> request) =>
        RedisRecording.Normalize(request);

    public override string? DescribeRecordedResponse(ReadOnlyMemory<byte> response) =>
        RecordedReplyText.Describe(response) ?? base.DescribeRecordedResponse(response);

    /// <summary>Writes a whole frame to this connection from outside its pump (a message another connection published).</summary>
    public async ValueTask PushAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var output = _output ?? throw new IOException("The Redis connection has not started.");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Writes the replies held back for a pipeline now, synchronously: before Core writes something itself
    /// (a pass-through reply) or ends the connection (an entry's Exception response).
    /// </summary>
    public void FlushHeldBack()
    {
        var output = _output;
        if (output is null)
        {
            return;
        }

        _writeLock.Wait();
        try
        {
            if (_buffer.WrittenCount > 0)
            {
                output.Write(_buffer.WrittenSpan);
                output.Flush();
                _buffer.ResetWrittenCount();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void StartTransaction()
    {
        _inMulti = true;
        _multiFailed = false;
        _queued = null;
    }

    /// <summary>Ends a MULTI block; returns its queued replies, or null when it had failed (EXECABORT).</summary>
    public List<byte[]>? EndTransaction()
    {
        var queued = _multiFailed ? null : _queued ?? [];
        _inMulti = false;
        _multiFailed = false;
        _queued = null;
        return queued;
    }

    private static bool HasWholeCommand(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return false;
        }

        if (buffer.FirstSpan[0] != (byte)'*')
        {
            return buffer.PositionOf((byte)'\n') is not null;
        }

        var reader = new SequenceReader<byte>(buffer);
        try
        {
            return RespReader.TrySkip(ref reader);
        }
        catch (RespFormatException)
        {
            // Malformed: it is reported when it is read; the replies before it go out now.
            return false;
        }
    }

    private static bool IsTransactionControl(string verb) => verb is "MULTI" or "EXEC" or "DISCARD" or "WATCH" or "QUIT" or "RESET";

    private void Compose(RedisMockRequest command, object response, ref List<(RedisProtocolSession, byte[])>? deliveries)
    {
        if (response is RedisRefusal refusal)
        {
            _multiFailed |= _inMulti;
            RespEncoder.Encode(refusal.Reply, _buffer, Protocol);
            return;
        }

        if (_inMulti && !IsTransactionControl(command.Command))
        {
            // Queued: its reply goes into EXEC's array; the client gets +QUEUED now.
            var queued = new ArrayBufferWriter<byte>();
            ComposeReply(command, response, queued, ref deliveries);
            (_queued ??= []).Add(queued.WrittenSpan.ToArray());
            RespWriter.WriteSimpleString(_buffer, "QUEUED");
            return;
        }

        ComposeReply(command, response, _buffer, ref deliveries);
    }

    private void ComposeReply(RedisMockRequest command, object response, ArrayBufferWriter<byte> output, ref List<(RedisProtocolSession, byte[])>? deliveries)
    {
        if (response is BuiltInAnswer)
        {
            if (ReferenceEquals(command, _tunnelRequest))
            {
                output.Write(HttpConnect.Established);
                return;
            }

            BuiltInCommands.Write(this, command, output, ref deliveries);
            return;
        }

        // A registered entry answered. Entries for MULTI/EXEC/DISCARD (the reference's style) still drive the
        // transaction state, and a registered PUBLISH still reaches subscribers.
        switch (command.Command)
        {
            case "MULTI":
                StartTransaction();
                break;
            case "EXEC" or "DISCARD":
                EndTransaction();
                break;
            case "PUBLISH" or "SPUBLISH" when command.Arguments.Count == 2:
                BuiltInCommands.Publish(this, command, output, ref deliveries);
                break;
        }

        RespEncoder.Encode(response, output, Protocol);
    }

    private async ValueTask DeliverAsync(List<(RedisProtocolSession Session, byte[] Frame)> deliveries, CancellationToken cancellationToken)
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
