namespace MocketNet.Redis.Protocol;

/// <summary>What a subscription listens to.</summary>
internal enum SubscriptionKind
{
    /// <summary>SUBSCRIBE: one channel, by name.</summary>
    Channel,

    /// <summary>PSUBSCRIBE: every channel matching a glob pattern.</summary>
    Pattern,

    /// <summary>SSUBSCRIBE: one shard channel (SPUBLISH).</summary>
    Shard,
}
