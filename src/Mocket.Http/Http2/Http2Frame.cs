namespace MocketNet.Http.Http2;

/// <summary>HTTP/2 frame types (RFC 9113 §6).</summary>
internal enum Http2FrameType : byte
{
    Data = 0x0,
    Headers = 0x1,
    Priority = 0x2,
    RstStream = 0x3,
    Settings = 0x4,
    PushPromise = 0x5,
    Ping = 0x6,
    GoAway = 0x7,
    WindowUpdate = 0x8,
    Continuation = 0x9,
}

/// <summary>HTTP/2 frame flags; ACK and END_STREAM share a bit, each meaningful on its own frame types.</summary>
[Flags]
internal enum Http2Flags : byte
{
    None = 0x0,
    EndStream = 0x1,
#pragma warning disable CA1069 // RFC 9113 gives bit 0x1 two names: END_STREAM on DATA and HEADERS, ACK on SETTINGS and PING.
    Ack = 0x1,
#pragma warning restore CA1069
    EndHeaders = 0x4,
    Padded = 0x8,
    Priority = 0x20,
}

/// <summary>The HTTP/2 settings Mocket reads or sends (RFC 9113 §6.5.2).</summary>
internal enum Http2Setting : ushort
{
    HeaderTableSize = 0x1,
    EnablePush = 0x2,
    MaxConcurrentStreams = 0x3,
    InitialWindowSize = 0x4,
    MaxFrameSize = 0x5,
    MaxHeaderListSize = 0x6,
}
