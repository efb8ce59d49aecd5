namespace MocketNet.Redis.Protocol;

/// <summary>The subscriptions of one connection, in the order they were made.</summary>
internal sealed class Subscriptions
{
    private readonly object _sync = new();
    private readonly List<Subscription> _items = [];

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds a subscription; returns the connection's subscription count after it.</summary>
    public int Add(SubscriptionKind kind, byte[] name)
    {
        lock (_sync)
        {
            if (IndexOf(kind, name) < 0)
            {
                _items.Add(new Subscription(kind, name));
            }

            return _items.Count;
        }
    }

    /// <summary>Removes a subscription; returns the connection's subscription count after it.</summary>
    public int Remove(SubscriptionKind kind, byte[] name)
    {
        lock (_sync)
        {
            var index = IndexOf(kind, name);
            if (index >= 0)
            {
                _items.RemoveAt(index);
            }

            return _items.Count;
        }
    }

    public List<byte[]> Names(SubscriptionKind kind)
    {
        lock (_sync)
        {
            return [.. _items.Where(s => s.Kind == kind).Select(s => s.Name)];
        }
    }

    public List<Subscription> Matching(SubscriptionKind kind, byte[] channel)
    {
        lock (_sync)
        {
            return kind == SubscriptionKind.Shard
                ? [.. _items.Where(s => s.Kind == SubscriptionKind.Shard && s.Name.AsSpan().SequenceEqual(channel))]
                : [.. _items.Where(s =>
                    (s.Kind == SubscriptionKind.Channel && s.Name.AsSpan().SequenceEqual(channel))
                    || (s.Kind == SubscriptionKind.Pattern && Glob.IsMatch(s.Name, channel)))];
        }
    }

    private int IndexOf(SubscriptionKind kind, byte[] name) =>
        _items.FindIndex(s => s.Kind == kind && s.Name.AsSpan().SequenceEqual(name));
}
