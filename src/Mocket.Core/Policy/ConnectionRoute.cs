namespace MocketNet.Policy;

/// <summary>What happens to a connection before any request.</summary>
internal enum ConnectionRoute
{
    /// <summary>Mocket serves it: each request is then decided on its own.</summary>
    Serve,

    /// <summary>Mocket stays out of the way: the client reaches the network (or a listener of Mocket's) as it would without it.</summary>
    Direct,

    /// <summary>Strict mode refuses it before any request: a violation, and the caller gets a <see cref="StrictMocketException"/>.</summary>
    Refuse,
}
