namespace MocketNet.Connections;

/// <summary>The server side of one client connection, as the pump sees it.</summary>
internal abstract class ServerTransport : IDisposable
{
    /// <summary>The bytes to and from the client.</summary>
    public abstract Stream Stream { get; }

    /// <summary>Whether the client came over a real loopback socket.</summary>
    public abstract bool IsLoopback { get; }

    /// <summary>Fails the client's connection: its reads throw (in memory, carrying <paramref name="error"/>) or it is reset.</summary>
    public abstract void Fault(Exception error);

    /// <summary>From now on a client read waiting for bytes resumes on the thread that wrote them (in memory only).</summary>
    public virtual void ResumeClientReadsInline()
    {
    }

    /// <summary>Ends the connection gracefully: the client reads end of stream.</summary>
    public abstract void Close();

    public abstract void Dispose();
}
