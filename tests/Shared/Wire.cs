using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MocketNet.Tests.Shared;

/// <summary>Small client-side helpers shared by the adapter tests and their fixtures.</summary>
public static class Wire
{
    /// <summary>Writes text to a Mocket connection and reads one reply (bounded so a bug fails instead of hanging).</summary>
    public static async Task<string> ExchangeAsync(Stream stream, string request)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Synchronous twin of <see cref="ExchangeAsync"/>, for sync tests.</summary>
    public static string Exchange(Stream stream, string request)
    {
        stream.Write(Encoding.UTF8.GetBytes(request));
        var buffer = new byte[4096];
        var read = stream.Read(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Tries a real connection to a closed 127.0.0.1 port (refused at once): real network use the guard sees.</summary>
    public static int ConnectToClosedLoopbackPort()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
        }
        catch (SocketException)
        {
        }

        return port;
    }
}
