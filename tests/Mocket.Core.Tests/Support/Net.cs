using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MocketNet.Tests.Support;

public static class Net
{
    /// <summary>A 127.0.0.1 port nothing listens on: connecting to it is refused at once.</summary>
    public static int ClosedLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Writes text and reads one reply (bounded by a timeout so a bug fails instead of hanging).</summary>
    public static async Task<string> ExchangeAsync(Stream stream, string request)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        await stream.FlushAsync();
        return await ReadSomeAsync(stream);
    }

    public static async Task<string> ReadSomeAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public static async Task<int> ReadToEndCountAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        var total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            total += read;
        }

        return total;
    }
}
