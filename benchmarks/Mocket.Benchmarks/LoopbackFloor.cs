using System.Net;
using System.Net.Sockets;

namespace MocketNet.Benchmarks;

/// <summary>
/// The lower bound for the global seam: the least a server on a 127.0.0.1 socket can do. It accepts connections and, for
/// each request head it receives (GET only: no body), sends a fixed reply, with one receive and one send per request, on
/// the thread its receive completed on. What the seam's rewrite to Mocket's loopback fake must at least pay, whoever serves.
/// </summary>
public sealed class LoopbackFloor : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[] _reply;

    /// <summary>Listens on 127.0.0.1 and answers every request with <paramref name="reply"/>.</summary>
    /// <param name="reply">The whole reply: head and body.</param>
    public LoopbackFloor(byte[] reply)
    {
        _reply = reply;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _ = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}");

    public void Dispose() => _listener.Dispose();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _ = ServeAsync(await _listener.AcceptAsync().ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    await socket.SendAsync(_reply, SocketFlags.None).ConfigureAwait(false);
                    buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                    filled -= end + 4;
                }
            }
        }
        catch (SocketException)
        {
        }
    }
}
