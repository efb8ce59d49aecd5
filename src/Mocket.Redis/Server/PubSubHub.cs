using System.Runtime.CompilerServices;

namespace MocketNet.Redis.Server;

/// <summary>
/// The pub/sub state of one scope: which connections subscribed to what, so that PUBLISH on one
/// connection reaches subscribers on another. Kept per scope and dropped when the scope closes.
/// </summary>
internal sealed class PubSubHub
{
    private static readonly ConditionalWeakTable<MocketScope, PubSubHub> s_hubs = [];

    private readonly object _sync = new();
    private readonly List<RedisProtocolSession> _subscribers = [];
    private long _lastClientId;

    public static PubSubHub For(MocketScope scope) => s_hubs.GetValue(scope, static s =>
    {
        var hub = new PubSubHub();
        s.Closing.Register(static state => s_hubs.Remove((MocketScope)state!), s);
        return hub;
    });

    /// <summary>A connection id for CLIENT ID and HELLO, unique in the scope.</summary>
    public long NextClientId() => Interlocked.Increment(ref _lastClientId);

    public void Add(RedisProtocolSession session)
    {
        lock (_sync)
        {
            if (!_subscribers.Contains(session))
            {
                _subscribers.Add(session);
            }
        }
    }

    public void Remove(RedisProtocolSession session)
    {
        lock (_sync)
        {
            _subscribers.Remove(session);
        }
    }

    /// <summary>The subscribers a message on <paramref name="channel"/> reaches, with the pattern (if any) that matched for each delivery.</summary>
    public List<(RedisProtocolSession Session, Subscription Match)> Match(SubscriptionKind kind, byte[] channel)
    {
        RedisProtocolSession[] subscribers;
        lock (_sync)
        {
            subscribers = [.. _subscribers];
        }

        var deliveries = new List<(RedisProtocolSession, Subscription)>();
        foreach (var session in subscribers)
        {
            foreach (var subscription in session.Subscriptions.Matching(kind, channel))
            {
                deliveries.Add((session, subscription));
            }
        }

        return deliveries;
    }
}
