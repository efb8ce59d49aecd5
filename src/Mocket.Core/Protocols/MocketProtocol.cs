namespace MocketNet.Protocols;

/// <summary>
/// A wire protocol Mocket can serve: how to cut a client's byte stream into requests and how to write
/// responses. Core knows none; the raw protocol is built in and packs (HTTP, Redis) add theirs. A
/// connection's protocol is the one given when it was opened, else that of the first entry registered
/// at its location when it opened, else raw.
/// </summary>
public abstract class MocketProtocol
{
    /// <summary>A short name for reports, such as <c>raw</c>, <c>http</c> or <c>resp</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Creates the per-connection state that serves one client connection.</summary>
    /// <param name="connection">What the connection is: its scope and the location the client asked for.</param>
    public abstract MocketProtocolSession CreateSession(MocketConnectionInfo connection);

    /// <summary>The protocol's name.</summary>
    public override string ToString() => Name;
}
