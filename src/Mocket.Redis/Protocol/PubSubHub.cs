using MocketNet.Protocols;

namespace MocketNet.Redis.Protocol;

/// <summary>
/// The pub/sub state of one scope: which connections subscribed to what, so that PUBLISH on one
/// connection reaches subscribers on another. Kept per scope and dropped when the scope closes.
/// </summary>
internal sealed class PubSubHub
{
    private readonly object _sync = new();
    private readonly List<RedisMockSession> _subscribers = [];
    private long _lastClientId;

    /// <summary>The hub of a scope (made on first use; it goes with the scope).</summary>
    public static PubSubHub For(MocketServer server) => server.GetState(static _ => new PubSubHub());

    /// <summary>A connection id for CLIENT ID and HELLO, unique in the scope.</summary>
    public long NextClientId() => Interlocked.Increment(ref _lastClientId);

    public void Add(RedisMockSession session)
    {
        lock (_sync)
        {
            if (!_subscribers.Contains(session))
            {
                _subscribers.Add(session);
            }
        }
    }

    public void Remove(RedisMockSession session)
    {
        lock (_sync)
        {
            _subscribers.Remove(session);
        }
    }

    /// <summary>The subscribers a message on <paramref name="channel"/> reaches, with the pattern (if any) that matched for each delivery.</summary>
    public List<(RedisMockSession Session, Subscription Match)> Match(SubscriptionKind kind, byte[] channel)
    {
        RedisMockSession[] subscribers;
        lock (_sync)
        {
            subscribers = [.. _subscribers];
        }

        var deliveries = new List<(RedisMockSession, Subscription)>();
        foreach (var session in subscribers)
        {
            foreach (var subscription in session.State.Subscriptions.Matching(kind, channel))
            {
                deliveries.Add((session, subscription));
            }
        }

        return deliveries;
    }
}
