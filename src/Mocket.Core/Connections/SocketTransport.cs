using System.Net.Sockets;
using Pipelines.Sockets.Unofficial;

namespace MocketNet.Connections;

/// <summary>A client that reached a Mocket listener over a real loopback socket.</summary>
internal sealed class SocketTransport(SocketConnection connection) : ServerTransport
{
    private readonly Stream _stream = new DuplexPipeStream(connection);

    public override Stream Stream => _stream;

    public override bool IsLoopback => true;

    public override void Fault(Exception error)
    {
        // Reset the connection so the client sees an error rather than a clean end of stream.
        try
        {
            connection.Socket.LingerState = new LingerOption(true, 0);
            connection.Socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public override void Close()
    {
        try
        {
            connection.Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public override void Dispose()
    {
        _stream.Dispose();
        connection.Dispose();
    }
}
