using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace MocketNet.Http.Http2;

/// <summary>
/// The server side of one HTTP/2 connection (RFC 9113), reading half: cuts the client's frames, answers the connection's
/// housekeeping (SETTINGS, PING, WINDOW_UPDATE) and hands each stream over once its request is whole. Resumable like the
/// HTTP/1.1 reader: when the bytes end mid-request it remembers how far it read, and the pump calls again with the same
/// bytes and more. Anything that breaks the protocol is a typed <see cref="HttpFormatException"/> (its reason picks GOAWAY's code).
/// </summary>
internal sealed partial class Http2Connection
{
    private const int FrameHeaderLength = 9;

    /// <summary>The largest frame Mocket accepts: SETTINGS_MAX_FRAME_SIZE is left at its default.</summary>
    private const int MaxFrameSize = 16 * 1024;

    /// <summary>Mocket's receive window, per stream and for the connection: the client never waits for Mocket to read.</summary>
    private const int ReceiveWindow = int.MaxValue;

    /// <summary>Received bytes after which Mocket opens the window again (long before it closes).</summary>
    private const int WindowRefill = 1 << 30;

    private readonly HttpMockLimits _limits;
    private readonly Hpack _hpack;
    private readonly Dictionary<int, Http2Stream> _streams = [];
    private long _examined;
    private bool _prefaceRead;
    private int _lastStreamId;
    private Http2Stream? _continuing;
    private long _receivedSinceUpdate;

    public Http2Connection(HttpMockLimits limits)
    {
        _limits = limits;
        _hpack = new Hpack(limits.MaxHeadersLength);
        WriteServerPreface();
    }

    /// <summary>The client connection preface, which every HTTP/2 connection starts with (RFC 9113 §3.4).</summary>
    public static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>The stream whose request was being read when the connection was rejected (0 when none), to answer a limit on it.</summary>
    public int RejectedStream { get; private set; }

    /// <summary>The highest stream the client opened, for GOAWAY.</summary>
    public int LastStreamId => _lastStreamId;

    /// <summary>Whether the bytes start as HTTP/2 does (true), as something else (false), or are too few to tell (null).</summary>
    public static bool? StartsWithPreface(ReadOnlySequence<byte> buffer)
    {
        Span<byte> start = stackalloc byte[4];
        var length = (int)Math.Min(buffer.Length, start.Length);
        buffer.Slice(0, length).CopyTo(start);
        return Preface[..length].SequenceEqual(start[..length]) ? (length == start.Length ? true : null) : false;
    }

    /// <summary>Reads frames until a stream's request is whole (true: the bytes up to its last frame are consumed) or the bytes end (false).</summary>
    /// <exception cref="HttpFormatException">The client broke the protocol.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out Http2Stream? request)
    {
        request = null;
        var rest = buffer.Slice(_examined);
        if (!_prefaceRead)
        {
            if (rest.Length < Preface.Length)
            {
                return false;
            }

            Span<byte> preface = stackalloc byte[Preface.Length];
            rest.Slice(0, Preface.Length).CopyTo(preface);
            if (!preface.SequenceEqual(Preface))
            {
                throw Http2Errors.Protocol("the connection does not start with the HTTP/2 connection preface (PRI * HTTP/2.0)");
            }

            rest = rest.Slice(Preface.Length);
            _prefaceRead = true;
        }

        Span<byte> header = stackalloc byte[FrameHeaderLength];
        while (rest.Length >= FrameHeaderLength)
        {
            rest.Slice(0, FrameHeaderLength).CopyTo(header);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var type = (Http2FrameType)header[3];
            var flags = (Http2Flags)header[4];
            var streamId = BinaryPrimitives.ReadInt32BigEndian(header[5..]) & int.MaxValue;
            if (length > MaxFrameSize)
            {
                throw Http2Errors.FrameSize($"a {type} frame of {length} bytes is longer than the {MaxFrameSize} bytes SETTINGS_MAX_FRAME_SIZE allows");
            }

            if (rest.Length < FrameHeaderLength + length)
            {
                break;
            }

            var payload = rest.Slice(FrameHeaderLength, length);
            rest = rest.Slice(FrameHeaderLength + length);
            if (Handle(type, flags, streamId, payload) is { } whole)
            {
                buffer = rest;
                _examined = 0;
                request = whole;
                return true;
            }
        }

        _examined = buffer.Length - rest.Length;
        return false;
    }

    private Http2Stream? Handle(Http2FrameType type, Http2Flags flags, int streamId, ReadOnlySequence<byte> payload)
    {
        if (_continuing is { } open && (type != Http2FrameType.Continuation || streamId != open.Id))
        {
            throw Http2Errors.Protocol($"the header block of stream {open.Id} was followed by a {type} frame on stream {streamId}, not by CONTINUATION");
        }

        switch (type)
        {
            case Http2FrameType.Data:
                return OnData(flags, streamId, payload);
            case Http2FrameType.Headers:
                return OnHeaders(flags, streamId, payload);
            case Http2FrameType.Continuation:
                return OnContinuation(flags, streamId, payload);
            case Http2FrameType.Priority:
                RequireLength(type, payload, 5);
                RequireStream(type, streamId);
                return null;
            case Http2FrameType.RstStream:
                RequireLength(type, payload, 4);
                RequireStream(type, streamId);
                RequireOpened(type, streamId);
                _streams.Remove(streamId);
                return null;
            case Http2FrameType.Settings:
                OnSettings(flags, streamId, payload);
                return null;
            case Http2FrameType.PushPromise:
                throw Http2Errors.Protocol("the client sent PUSH_PROMISE, which only a server may send");
            case Http2FrameType.Ping:
                RequireLength(type, payload, 8);
                RequireConnection(type, streamId);
                if (!flags.HasFlag(Http2Flags.Ack))
                {
                    WriteFrame(Http2FrameType.Ping, Http2Flags.Ack, 0, payload);
                }

                return null;
            case Http2FrameType.GoAway:
                RequireConnection(type, streamId);
                if (payload.Length < 8)
                {
                    throw Http2Errors.FrameSize($"a GOAWAY frame of {payload.Length} bytes is shorter than its 8 fixed bytes");
                }

                return null;
            case Http2FrameType.WindowUpdate:
                OnWindowUpdate(streamId, payload);
                return null;
            default:
                // Unknown frame types are ignored (RFC 9113 §4.1).
                return null;
        }
    }

    private Http2Stream? OnData(Http2Flags flags, int streamId, ReadOnlySequence<byte> payload)
    {
        RequireStream(Http2FrameType.Data, streamId);
        _receivedSinceUpdate = Received(0, _receivedSinceUpdate + payload.Length);

        var data = Unpad(Http2FrameType.Data, flags, payload);
        if (!_streams.TryGetValue(streamId, out var stream) || stream.RequestComplete)
        {
            // A stream the client reset, or one Mocket is answering: late data is dropped (its window was counted).
            RequireOpened(Http2FrameType.Data, streamId);
            return null;
        }

        if (stream.Fields is null)
        {
            throw Http2Errors.Protocol($"DATA arrived on stream {streamId} before its HEADERS");
        }

        stream.Body ??= new ArrayBufferWriter<byte>((int)Math.Min(data.Length, 64 * 1024) + 1);
        if (stream.Body.WrittenCount + data.Length > _limits.MaxBodyLength)
        {
            RejectedStream = streamId;
            throw HttpFormatException.OverLimit(HttpFormatError.BodyTooLarge, _limits.MaxBodyLength);
        }

        data.CopyTo(stream.Body.GetSpan((int)data.Length));
        stream.Body.Advance((int)data.Length);
        stream.ReceivedSinceUpdate = Received(streamId, stream.ReceivedSinceUpdate + payload.Length);

        return flags.HasFlag(Http2Flags.EndStream) ? Complete(stream) : null;
    }

    /// <summary>Bytes received on a window since its last update: when they pass the refill mark, the window is opened again and the count restarts.</summary>
    private long Received(int streamId, long sinceUpdate)
    {
        if (sinceUpdate < WindowRefill)
        {
            return sinceUpdate;
        }

        WriteWindowUpdate(streamId, sinceUpdate);
        return 0;
    }

    private Http2Stream? OnHeaders(Http2Flags flags, int streamId, ReadOnlySequence<byte> payload)
    {
        RequireStream(Http2FrameType.Headers, streamId);
        var block = Unpad(Http2FrameType.Headers, flags, payload);
        if (flags.HasFlag(Http2Flags.Priority))
        {
            if (block.Length < 5)
            {
                throw Http2Errors.FrameSize($"a HEADERS frame with the PRIORITY flag on stream {streamId} is too short for its priority fields");
            }

            block = block.Slice(5);
        }

        if (!_streams.TryGetValue(streamId, out var stream))
        {
            if (streamId <= _lastStreamId)
            {
                throw Http2Errors.Protocol($"HEADERS arrived on stream {streamId}, which is closed (streams must be new and increasing)");
            }

            if (streamId % 2 == 0)
            {
                throw Http2Errors.Protocol($"the client opened stream {streamId}; client streams have odd numbers");
            }

            _lastStreamId = streamId;
            stream = new Http2Stream(streamId, _peerInitialWindow);
            _streams.Add(streamId, stream);
        }
        else if (stream.RequestComplete || !flags.HasFlag(Http2Flags.EndStream))
        {
            throw Http2Errors.Protocol($"a second header block on stream {streamId} is trailers, which must end the stream, and may come only once");
        }

        stream.HeaderBlock = new ArrayBufferWriter<byte>((int)block.Length + 1);
        stream.HeaderBlockEndsStream = flags.HasFlag(Http2Flags.EndStream);
        return AppendHeaderBlock(stream, flags, block);
    }

    private Http2Stream? OnContinuation(Http2Flags flags, int streamId, ReadOnlySequence<byte> payload)
    {
        if (_continuing is null)
        {
            throw Http2Errors.Protocol($"CONTINUATION arrived on stream {streamId} with no header block open");
        }

        return AppendHeaderBlock(_continuing, flags, payload);
    }

    private Http2Stream? AppendHeaderBlock(Http2Stream stream, Http2Flags flags, ReadOnlySequence<byte> fragment)
    {
        var block = stream.HeaderBlock!;
        if (block.WrittenCount + fragment.Length > _limits.MaxHeadersLength)
        {
            RejectedStream = stream.Id;
            throw HttpFormatException.OverLimit(HttpFormatError.HeadersTooLarge, _limits.MaxHeadersLength);
        }

        fragment.CopyTo(block.GetSpan((int)fragment.Length));
        block.Advance((int)fragment.Length);
        if (!flags.HasFlag(Http2Flags.EndHeaders))
        {
            _continuing = stream;
            return null;
        }

        _continuing = null;
        stream.HeaderBlock = null;
        RejectedStream = stream.Id;
        var fields = _hpack.Decode(block.WrittenSpan);
        if (stream.Fields is null)
        {
            ReadRequestHead(stream, fields);
        }
        else
        {
            AddTrailers(stream, fields);
        }

        RejectedStream = 0;
        return stream.HeaderBlockEndsStream ? Complete(stream) : null;
    }

    private static Http2Stream Complete(Http2Stream stream)
    {
        stream.RequestComplete = true;
        return stream;
    }

    private static ReadOnlySequence<byte> Unpad(Http2FrameType type, Http2Flags flags, ReadOnlySequence<byte> payload)
    {
        if (!flags.HasFlag(Http2Flags.Padded))
        {
            return payload;
        }

        if (payload.Length == 0)
        {
            throw Http2Errors.FrameSize($"a padded {type} frame has no pad length");
        }

        var padding = payload.FirstSpan[0];
        if (padding >= payload.Length)
        {
            throw Http2Errors.Protocol($"a {type} frame's padding ({padding} bytes) is as long as the frame");
        }

        return payload.Slice(1, payload.Length - 1 - padding);
    }

    private static void RequireLength(Http2FrameType type, ReadOnlySequence<byte> payload, int length)
    {
        if (payload.Length != length)
        {
            throw Http2Errors.FrameSize($"a {type} frame of {payload.Length} bytes, where it has {length}");
        }
    }

    private static void RequireStream(Http2FrameType type, int streamId)
    {
        if (streamId == 0)
        {
            throw Http2Errors.Protocol($"a {type} frame arrived on stream 0, which is the connection's");
        }
    }

    private static void RequireConnection(Http2FrameType type, int streamId)
    {
        if (streamId != 0)
        {
            throw Http2Errors.Protocol($"a {type} frame arrived on stream {streamId}; it belongs on stream 0");
        }
    }

    private void RequireOpened(Http2FrameType type, int streamId)
    {
        if (streamId > _lastStreamId)
        {
            throw Http2Errors.Protocol($"a {type} frame arrived on stream {streamId}, which was never opened");
        }
    }
}
