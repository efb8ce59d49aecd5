using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MocketNet.Http.Tests.Support;

/// <summary>
/// A real server on 127.0.0.1 that fails the way a broken production server does, for comparing shapes with
/// Mocket's faults: for each connection it reads one request head, then runs <c>misbehave</c> on the socket.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private RawHttpServer(Func<Socket, CancellationToken, Task> misbehave)
    {
        _listener.Start();
        _accepting = AcceptAsync(misbehave);
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public static RawHttpServer Start(Func<Socket, CancellationToken, Task> misbehave) => new(misbehave);

    /// <summary>Sends <paramref name="bytes"/>, then resets the connection (linger 0), or closes it gracefully, or leaves it open.</summary>
    public static RawHttpServer Sending(string bytes, SocketEnd end) => Start(async (socket, cancellation) =>
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(bytes), cancellation);
        switch (end)
        {
            case SocketEnd.Reset:
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                break;
            case SocketEnd.Close:
                socket.Shutdown(SocketShutdown.Both);
                socket.Close();
                break;
            default:
                await Task.Delay(Timeout.Infinite, cancellation);
                break;
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> misbehave)
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    await ReadHeadAsync(socket, _stop.Token);
                    await misbehave(socket, _stop.Token);
                }
            });
        }
    }

    private static async Task ReadHeadAsync(Socket socket, CancellationToken cancellation)
    {
        var head = new List<byte>();
        var buffer = new byte[1024];
        while (!EndsHead(head))
        {
            var read = await socket.ReceiveAsync(buffer, cancellation);
            if (read == 0)
            {
                return;
            }

            head.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static bool EndsHead(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}

public enum SocketEnd
{
    Reset,
    Close,
    StayOpen,
}
