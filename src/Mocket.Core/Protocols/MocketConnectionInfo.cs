namespace MocketNet.Protocols;

/// <summary>A connection a protocol session serves: the scope it belongs to and the location the client asked for.</summary>
public sealed class MocketConnectionInfo
{
    internal MocketConnectionInfo(MocketScope scope, MocketLocation location, bool isLoopback)
    {
        Scope = scope;
        Location = location;
        IsLoopback = isLoopback;
    }

    /// <summary>The scope whose entries serve this connection.</summary>
    public MocketScope Scope { get; }

    /// <summary>The location the client asked for.</summary>
    public MocketLocation Location { get; }

    /// <summary>The host the client asked for.</summary>
    public string Host => Location.Host;

    /// <summary>The port the client asked for.</summary>
    public int Port => Location.Port;

    /// <summary>Whether the client reached Mocket through a real loopback socket (a listener) rather than in memory.</summary>
    public bool IsLoopback { get; }
}
