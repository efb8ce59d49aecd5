using System.Net.Sockets;
using Pipelines.Sockets.Unofficial;

namespace MocketNet.Connections;

/// <summary>A client that reached a Mocket listener over a real loopback socket.</summary>
internal sealed class SocketTransport(SocketConnection connection) : ServerTransport
{
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(5);

    private readonly DuplexPipeStream _stream = new(connection);

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
        // The connection's send loop sends what was written (a last response) asynchronously: let it
        // drain before shutting the socket down, which would drop those bytes.
        SpinWait.SpinUntil(() => connection.BytesSent >= _stream.BytesWritten, s_drainTimeout);
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
