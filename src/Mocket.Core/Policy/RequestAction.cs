namespace MocketNet.Policy;

/// <summary>What happens to one request a connection's session has read.</summary>
internal enum RequestAction
{
    /// <summary>The entry that handles it answers (and the request is logged).</summary>
    Serve,

    /// <summary>The protocol answers it itself (a handshake, housekeeping): not logged, never a violation.</summary>
    AnswerBuiltIn,

    /// <summary>Look it up in the scope's recording; on a miss, decide again with <see cref="RequestFacts.ReplayMissed"/>.</summary>
    TryReplay,

    /// <summary>Strict mode refuses it: a violation, answered with the protocol's refusal or a failed connection.</summary>
    Refuse,

    /// <summary>A replay-only recording has no exchange for it: the request fails, nothing goes to the network.</summary>
    FailReplayMiss,

    /// <summary>It goes to the real server ("true socket") and the reply comes back unchanged.</summary>
    PassThrough,

    /// <summary>As <see cref="PassThrough"/>, and the exchange is recorded.</summary>
    PassThroughAndRecord,
}
