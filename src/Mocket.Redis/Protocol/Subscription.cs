namespace MocketNet.Redis.Protocol;

/// <summary>One subscription of a connection: a channel, pattern or shard channel.</summary>
internal readonly record struct Subscription(SubscriptionKind Kind, byte[] Name);
