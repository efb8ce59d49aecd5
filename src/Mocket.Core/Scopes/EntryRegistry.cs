using MocketNet.Protocols;

namespace MocketNet.Scopes;

/// <summary>A scope's entries, in registration order: the first one at a request's location that handles it answers.</summary>
internal sealed class EntryRegistry(Lock sync)
{
    private readonly Lock _sync = sync;
    private MocketEntry[] _entries = [];

    /// <summary>A snapshot, in registration order (readers never lock).</summary>
    public IReadOnlyList<MocketEntry> All => Volatile.Read(ref _entries);

    public void Add(MocketEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (Array.IndexOf(entries, null) >= 0)
        {
            throw new ArgumentException("Mocket.Register was given a null entry.", nameof(entries));
        }

        lock (_sync)
        {
            _entries = [.. _entries, .. entries];
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _entries = [];
        }
    }

    /// <summary>The first entry at the request's location that handles it, or null.</summary>
    public MocketEntry? Find(MocketRequest request)
    {
        // A for loop over the array: foreach over the interface would allocate an enumerator per request.
        var entries = Volatile.Read(ref _entries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Location == request.Location && entry.CanHandle(request))
            {
                return entry;
            }
        }

        return null;
    }

    public bool HasEntriesAt(MocketLocation location) => FirstAt(location) is not null;

    /// <summary>The protocol of the first entry at the location, else raw.</summary>
    public MocketProtocol ProtocolAt(MocketLocation location) => FirstAt(location)?.Protocol ?? RawProtocol.Instance;

    /// <summary>The greeting of the first entry at the location that has one, or null.</summary>
    public RawResponse? GreetingAt(MocketLocation location)
    {
        var entries = Volatile.Read(ref _entries);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Location == location && entries[i].Greeting is { } greeting)
            {
                return greeting;
            }
        }

        return null;
    }

    private MocketEntry? FirstAt(MocketLocation location)
    {
        var entries = Volatile.Read(ref _entries);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Location == location)
            {
                return entries[i];
            }
        }

        return null;
    }
}
