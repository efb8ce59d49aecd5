namespace MocketNet;

/// <summary>What kind of real network use a <see cref="MocketViolation"/> records.</summary>
public enum MocketViolationKind
{
    /// <summary>A request reached Mocket but no entry handled it, in a strict scope.</summary>
    UnmatchedRequest,

    /// <summary><see cref="Mocket.Connect"/> to a location with no entries, in a strict scope.</summary>
    UnregisteredLocation,

    /// <summary>The network guard saw a real TCP connection attempt on the scope's flow.</summary>
    Connection,

    /// <summary>The network guard saw a real DNS lookup on the scope's flow.</summary>
    DnsLookup,
}
