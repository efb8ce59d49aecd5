namespace MocketNet.Policy;

/// <summary>How a connection reaches Mocket, which decides what the policy may do with it before any request.</summary>
internal enum ConnectionKind
{
    /// <summary>A stream the caller asked Mocket for (<see cref="Mocket.Connect"/>): it cannot go elsewhere; a strict scope may refuse it at once.</summary>
    Stream,

    /// <summary>A request a seam may leave alone, so that it goes to the network as if Mocket were not there (HttpClient's global seam).</summary>
    Routable,
}
