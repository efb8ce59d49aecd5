namespace MocketNet.Protocols;

/// <summary>
/// A protocol whose sessions read <typeparamref name="TRequest"/>s and whose entries answer with
/// <typeparamref name="TResponse"/>s: the typed contract between Core and a protocol pack.
/// </summary>
/// <typeparam name="TRequest">The protocol's request type.</typeparam>
/// <typeparam name="TResponse">The protocol's response type.</typeparam>
public abstract class MocketProtocol<TRequest, TResponse> : MocketProtocol
    where TRequest : MocketRequest
    where TResponse : MocketResponse
{
#pragma warning disable RS0022 // Deriving this generic class is how a pack implements the contract: the base's protected members are meant for it.
    /// <summary>Creates the protocol.</summary>
    protected MocketProtocol()
    {
    }
#pragma warning restore RS0022

    /// <summary>Creates the per-connection state that serves one client connection.</summary>
    /// <param name="connection">The connection: its scope's server side and the location the client asked for.</param>
    public abstract MocketProtocolSession<TRequest, TResponse> CreateSession(MocketConnectionInfo connection);

    internal sealed override MocketProtocolSession Open(MocketConnectionInfo connection) => CreateSession(connection);
}
