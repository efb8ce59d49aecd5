using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace MocketNet.Http.Http2;

/// <summary>
/// The writing half: frames wait in one buffer that the session writes out; response bodies go as the client's windows
/// allow, which its SETTINGS and WINDOW_UPDATE frames set.
/// </summary>
internal sealed partial class Http2Connection
{
    private const int DefaultWindow = 65_535;

    /// <summary>Error codes Mocket sends (RFC 9113 §7).</summary>
    public const int NoError = 0x0;
    public const int ProtocolError = 0x1;
    public const int InternalError = 0x2;

    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private readonly ArrayBufferWriter<byte> _block = new(256);
    private readonly List<Http2Stream> _sending = [];
    private long _sendWindow = DefaultWindow;
    private int _peerInitialWindow = DefaultWindow;
    private int _peerMaxFrameSize = MaxFrameSize;

    /// <summary>Frames waiting to be written.</summary>
    public ReadOnlyMemory<byte> Output => _output.WrittenMemory;

    /// <summary>Forgets <see cref="Output"/> once the session has written it.</summary>
    public void OutputWritten() => _output.ResetWrittenCount();

    /// <summary>
    /// Queues a response on stream <paramref name="streamId"/>: HEADERS now, then DATA as far as the windows allow (the rest goes
    /// when the client opens them), then the trailers, if any, which end the stream. Nothing, when the client has reset the stream.
    /// </summary>
    public void Respond(int streamId, int status, IEnumerable<KeyValuePair<string, string>> fields, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>>? trailers, int pieceSize = 0)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            return;
        }

        trailers = trailers is { Count: > 0 } ? trailers : null;
        var endsHere = body.IsEmpty && trailers is null;
        WriteHeaders(stream.Id, status, fields, endsHere);
        if (endsHere)
        {
            _streams.Remove(stream.Id);
            return;
        }

        stream.PendingData = body;
        stream.PendingTrailers = trailers;
        stream.PieceSize = pieceSize;
        _sending.Add(stream);
        SendPendingData();
    }

    /// <summary>Ends a stream at once with RST_STREAM (the server reset it).</summary>
    public void Reset(int streamId, int errorCode)
    {
        var code = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(code, errorCode);
        WriteFrame(Http2FrameType.RstStream, Http2Flags.None, streamId, new ReadOnlySequence<byte>(code));
        _streams.Remove(streamId);
        _sending.RemoveAll(s => s.Id == streamId);
    }

    /// <summary>GOAWAY: no stream above the last one the client opened will be served; <paramref name="debug"/> says why.</summary>
    public void GoAway(int errorCode, string debug)
    {
        var text = Encoding.UTF8.GetBytes(debug);
        var payload = new byte[8 + Math.Min(text.Length, 1024)];
        BinaryPrimitives.WriteInt32BigEndian(payload, _lastStreamId);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), errorCode);
        text.AsSpan(0, payload.Length - 8).CopyTo(payload.AsSpan(8));
        WriteFrame(Http2FrameType.GoAway, Http2Flags.None, 0, new ReadOnlySequence<byte>(payload));
    }

    private void OnSettings(Http2Flags flags, int streamId, ReadOnlySequence<byte> payload)
    {
        RequireConnection(Http2FrameType.Settings, streamId);
        if (flags.HasFlag(Http2Flags.Ack))
        {
            if (payload.Length != 0)
            {
                throw Http2Errors.FrameSize("a SETTINGS acknowledgement carries a payload");
            }

            return;
        }

        if (payload.Length % 6 != 0)
        {
            throw Http2Errors.FrameSize($"a SETTINGS frame of {payload.Length} bytes is not a whole number of 6-byte settings");
        }

        Span<byte> setting = stackalloc byte[6];
        for (var offset = 0L; offset < payload.Length; offset += 6)
        {
            payload.Slice(offset, 6).CopyTo(setting);
            var id = BinaryPrimitives.ReadUInt16BigEndian(setting);
            var value = BinaryPrimitives.ReadUInt32BigEndian(setting[2..]);
            ApplySetting(id, value);
        }

        WriteFrame(Http2FrameType.Settings, Http2Flags.Ack, 0, ReadOnlySequence<byte>.Empty);
    }

    private void OnWindowUpdate(int streamId, ReadOnlySequence<byte> payload)
    {
        RequireLength(Http2FrameType.WindowUpdate, payload, 4);
        Span<byte> bytes = stackalloc byte[4];
        payload.CopyTo(bytes);
        var increment = BinaryPrimitives.ReadInt32BigEndian(bytes) & int.MaxValue;
        if (increment == 0)
        {
            throw Http2Errors.Protocol($"a WINDOW_UPDATE on stream {streamId} increments the window by 0");
        }

        if (streamId == 0)
        {
            _sendWindow = Grow(_sendWindow, increment, "the connection");
        }
        else if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.SendWindow = Grow(stream.SendWindow, increment, $"stream {streamId}");
        }
        else
        {
            RequireOpened(Http2FrameType.WindowUpdate, streamId);
        }

        SendPendingData();
    }

    private static long Grow(long window, int increment, string what) =>
        window + increment <= int.MaxValue
            ? window + increment
            : throw Http2Errors.FlowControl($"a WINDOW_UPDATE grows the flow-control window of {what} past 2^31-1 bytes");

    private void WriteServerPreface()
    {
        Span<byte> settings = stackalloc byte[12];
        WriteSetting(settings, Http2Setting.InitialWindowSize, ReceiveWindow);
        WriteSetting(settings[6..], Http2Setting.MaxHeaderListSize, (uint)_limits.MaxHeadersLength);
        WriteFrame(Http2FrameType.Settings, Http2Flags.None, 0, new ReadOnlySequence<byte>(settings.ToArray()));
        WriteWindowUpdate(0, ReceiveWindow - DefaultWindow);
    }

    private static void WriteSetting(Span<byte> target, Http2Setting id, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(target, (ushort)id);
        BinaryPrimitives.WriteUInt32BigEndian(target[2..], value);
    }

    private void ApplySetting(ushort id, uint value)
    {
        switch ((Http2Setting)id)
        {
            case Http2Setting.EnablePush when value > 1:
                throw Http2Errors.Protocol($"SETTINGS_ENABLE_PUSH is {value}; it is 0 or 1");
            case Http2Setting.InitialWindowSize:
                if (value > int.MaxValue)
                {
                    throw Http2Errors.FlowControl($"SETTINGS_INITIAL_WINDOW_SIZE is {value}, above 2^31-1");
                }

                // The change applies to every open stream's window (RFC 9113 §6.9.2).
                var delta = (int)value - _peerInitialWindow;
                _peerInitialWindow = (int)value;
                foreach (var stream in _streams.Values)
                {
                    stream.SendWindow += delta;
                }

                SendPendingData();
                break;
            case Http2Setting.MaxFrameSize:
                if (value is < MaxFrameSize or > (1 << 24) - 1)
                {
                    throw Http2Errors.Protocol($"SETTINGS_MAX_FRAME_SIZE is {value}, outside 16384..16777215");
                }

                _peerMaxFrameSize = (int)value;
                break;
        }
    }

    /// <summary>Sends what the windows allow of each answered stream's body, in the order the responses were queued.</summary>
    private void SendPendingData()
    {
        for (var i = 0; i < _sending.Count; i++)
        {
            var stream = _sending[i];
            var maxPiece = stream.PieceSize > 0 ? Math.Min(stream.PieceSize, _peerMaxFrameSize) : _peerMaxFrameSize;
            while (!stream.PendingData.IsEmpty && _sendWindow > 0 && stream.SendWindow > 0)
            {
                var size = (int)Math.Min(Math.Min(stream.PendingData.Length, maxPiece), Math.Min(_sendWindow, stream.SendWindow));
                var piece = stream.PendingData[..size];
                stream.PendingData = stream.PendingData[size..];
                _sendWindow -= size;
                stream.SendWindow -= size;
                var last = stream.PendingData.IsEmpty && stream.PendingTrailers is null;
                WriteFrame(Http2FrameType.Data, last ? Http2Flags.EndStream : Http2Flags.None, stream.Id, new ReadOnlySequence<byte>(piece));
            }

            if (stream.PendingData.IsEmpty)
            {
                if (stream.PendingTrailers is { } trailers)
                {
                    WriteHeaders(stream.Id, status: 0, trailers, endStream: true);
                }

                _sending.RemoveAt(i--);
                _streams.Remove(stream.Id);
            }
        }
    }

    private void WriteHeaders(int streamId, int status, IEnumerable<KeyValuePair<string, string>> fields, bool endStream)
    {
        _block.ResetWrittenCount();
        Hpack.Encode(_block, status, fields);
        var block = _block.WrittenMemory;
        var first = true;
        do
        {
            var size = Math.Min(block.Length, _peerMaxFrameSize);
            var piece = block[..size];
            block = block[size..];
            var flags = (block.IsEmpty ? Http2Flags.EndHeaders : Http2Flags.None) | (first && endStream ? Http2Flags.EndStream : Http2Flags.None);
            WriteFrame(first ? Http2FrameType.Headers : Http2FrameType.Continuation, flags, streamId, new ReadOnlySequence<byte>(piece));
            first = false;
        }
        while (!block.IsEmpty);
    }

    private void WriteWindowUpdate(int streamId, long increment)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, (int)increment);
        WriteFrame(Http2FrameType.WindowUpdate, Http2Flags.None, streamId, new ReadOnlySequence<byte>(bytes.ToArray()));
    }

    private void WriteFrame(Http2FrameType type, Http2Flags flags, int streamId, ReadOnlySequence<byte> payload)
    {
        var length = (int)payload.Length;
        var span = _output.GetSpan(FrameHeaderLength + length);
        span[0] = (byte)(length >> 16);
        span[1] = (byte)(length >> 8);
        span[2] = (byte)length;
        span[3] = (byte)type;
        span[4] = (byte)flags;
        BinaryPrimitives.WriteInt32BigEndian(span[5..], streamId);
        payload.CopyTo(span[FrameHeaderLength..]);
        _output.Advance(FrameHeaderLength + length);
    }
}
