namespace MocketNet;

/// <summary>How an in-memory connection opened by a protocol pack's seam hands replies to its client.</summary>
public sealed class MocketConnectOptions
{
    /// <summary>
    /// A client's read waiting for a reply resumes on the thread that wrote the reply, instead of being
    /// queued to the thread pool: one thread hop fewer per request. Only for a client whose read loop
    /// never blocks and never runs its caller's code inline (StackExchange.Redis' reader completes
    /// callers asynchronously); a client that could wait synchronously for another reply from inside
    /// its read continuation would deadlock the connection. Off by default.
    /// </summary>
    public bool ResumeClientReadsInline { get; init; }
}
