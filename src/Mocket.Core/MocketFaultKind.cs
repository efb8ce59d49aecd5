namespace MocketNet;

/// <summary>What a <see cref="MocketFault"/> does to a response's bytes.</summary>
public enum MocketFaultKind
{
    /// <summary>Sent whole after a delay.</summary>
    Latency,

    /// <summary>The connection is reset instead.</summary>
    Reset,

    /// <summary>The first bytes are sent, then the connection closes.</summary>
    CloseAfter,

    /// <summary>Nothing is sent on the connection again.</summary>
    Stall,

    /// <summary>Sent whole in delayed pieces.</summary>
    Dribble,

    /// <summary>Other bytes are sent instead.</summary>
    Malformed,
}
