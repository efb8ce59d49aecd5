using System.Net;
using System.Net.Sockets;
using System.Text;
using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>A reply with no Content-Length and no chunking ends when the origin closes: pass-through and replay both end it.</summary>
public class UntilCloseOriginTests
{
    private const string Body = "the body ends with the connection";

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_reply_delimited_by_the_close_reaches_the_client_whole_and_replays_offline(ClientKind kind)
    {
        using var directory = new TempDirectory();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/old");
        var serving = ServeOnceAsync(listener);

        var recorded = await Recordings.RecordAsync(directory, () => HttpRecordReplayTests.SendAsync(kind, url));
        await serving;
        listener.Stop();

        var replayed = await Recordings.ReplayOfflineAsync(directory, () => HttpRecordReplayTests.SendAsync(kind, url));

        Assert.Equal(Body, recorded.Body);
        Assert.Equal(Body, replayed.Body);
        Assert.Contains($"Content-Length: {Body.Length}", replayed.Headers, StringComparison.Ordinal);
    }

    private static async Task ServeOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + Body));
    }
}
