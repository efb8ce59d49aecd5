namespace MocketNet.Protocols;

/// <summary>A connection a protocol session serves: the server side of its scope and the location the client asked for.</summary>
public sealed class MocketConnectionInfo
{
    internal MocketConnectionInfo(MocketServer server, MocketLocation location, MocketProtocol protocol, bool isLoopback)
    {
        Server = server;
        Protocol = protocol;
        Location = location;
        IsLoopback = isLoopback;
    }

    /// <summary>The serving side of the scope whose entries answer this connection.</summary>
    public MocketServer Server { get; }

    /// <summary>The location the client asked for.</summary>
    public MocketLocation Location { get; }

    /// <summary>The protocol spoken on the connection.</summary>
    public MocketProtocol Protocol { get; }

    /// <summary>The host the client asked for.</summary>
    public string Host => Location.Host;

    /// <summary>The port the client asked for.</summary>
    public int Port => Location.Port;

    /// <summary>
    /// Whether the client reached Mocket through a real loopback socket (a listener) rather than in memory:
    /// a socket cannot carry an exception, so a session may answer faults in its protocol's words instead.
    /// </summary>
    public bool IsLoopback { get; }
}
