namespace MocketNet.Policy;

/// <summary>What a seam knows about a connection (or a routable request) before any byte is read.</summary>
/// <param name="Location">Where the client is going.</param>
/// <param name="Kind">How it reaches Mocket.</param>
/// <param name="HasEntries">Entries are registered at the location.</param>
/// <param name="HasRecordedExchanges">The scope's recording holds exchanges for the location.</param>
/// <param name="IsOwnListener">The location is one of the scope's own loopback listeners (a client already pointed at Mocket).</param>
internal readonly record struct ConnectionFacts(
    MocketLocation Location, ConnectionKind Kind, bool HasEntries, bool HasRecordedExchanges = false, bool IsOwnListener = false);
