using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MocketNet.Tests.Connections;

/// <summary>
/// Byte-level faults on raw entries, read through a plain Stream: in memory (Mocket.Connect) and over a loopback
/// listener (Mocket.Listen) each ends the read as a NetworkStream to a real server misbehaving the same way does.
/// </summary>
public class FaultTests
{
    [Fact]
    public async Task A_reset_fails_the_read_as_a_real_reset_does()
    {
        var real = await ReadFailureAsync(await RealServerAsync(socket =>
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }));

        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("raw.test", 7, RawResponse.FromText("hello").WithFault(MocketFault.Reset())));
        var inMemory = await ReadFailureAsync(Mocket.Connect("raw.test", 7));
        var loopback = await ReadFailureAsync(await ConnectAsync(Mocket.Listen("raw.test", 7)));

        Assert.Equal("IOException <- SocketException(ConnectionReset)", Describe(real));
        Assert.Equal(Describe(real), Describe(inMemory));
        Assert.Equal(Describe(real), Describe(loopback));
        Assert.Contains("Mocket fault", inMemory.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseAfter_sends_the_first_bytes_then_the_end_of_the_stream()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("raw.test", 7, RawResponse.FromText("hello world").WithFault(MocketFault.CloseAfter(5))));

        foreach (var stream in new[] { Mocket.Connect("raw.test", 7), await ConnectAsync(Mocket.Listen("raw.test", 7)) })
        {
            await using (stream)
            {
                await stream.WriteAsync("ask"u8.ToArray());
                Assert.Equal("hello", await ReadToEndAsync(stream));
            }
        }
    }

    [Fact]
    public async Task A_stall_answers_nothing_more_until_the_client_gives_up_and_a_new_connection_is_answered()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("raw.test", 7, RawResponse.FromText("first").WithFault(MocketFault.Stall()), "second"));

        await using (var stalled = Mocket.Connect("raw.test", 7))
        {
            await stalled.WriteAsync("ask"u8.ToArray());
            await stalled.WriteAsync("ask again"u8.ToArray());
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled.ReadAsync(new byte[16], giveUp.Token).AsTask());
        }

        await using var fresh = Mocket.Connect("raw.test", 7);
        await fresh.WriteAsync("ask"u8.ToArray());
        var buffer = new byte[6];
        await fresh.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("second", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public async Task Malformed_bytes_replace_the_reply_and_a_dribbled_reply_arrives_in_pieces()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("raw.test", 7,
            RawResponse.FromText("fine").WithFault(MocketFault.Malformed([0xFF, 0x00])),
            RawResponse.FromText("abcdef").WithFault(MocketFault.Dribble(2, TimeSpan.FromMilliseconds(20)))));
        await using var stream = Mocket.Connect("raw.test", 7);

        await stream.WriteAsync("one"u8.ToArray());
        var malformed = new byte[2];
        await stream.ReadExactlyAsync(malformed).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new byte[] { 0xFF, 0x00 }, malformed);

        await stream.WriteAsync("two"u8.ToArray());
        var pieces = new List<string>();
        var buffer = new byte[16];
        while (pieces.Sum(p => p.Length) < 6)
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            pieces.Add(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.Equal(["ab", "cd", "ef"], pieces);
    }

    private static async Task<Stream> ConnectAsync(IPEndPoint endpoint)
    {
        var client = new TcpClient();
        await client.ConnectAsync(endpoint);
        return client.GetStream();
    }

    /// <summary>A real server on 127.0.0.1 that reads one write, then runs <paramref name="misbehave"/> on the socket.</summary>
    private static async Task<Stream> RealServerAsync(Action<Socket> misbehave)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = await ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        _ = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await socket.ReceiveAsync(new byte[64]);
            misbehave(socket);
            listener.Stop();
        });
        return client;
    }

    private static async Task<Exception> ReadFailureAsync(Stream stream)
    {
        await using (stream)
        {
            await stream.WriteAsync("ask"u8.ToArray());
            return await Assert.ThrowsAnyAsync<Exception>(() => ReadToEndAsync(stream).WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            parts.Add(e is SocketException socket ? $"{e.GetType().Name}({socket.SocketErrorCode})" : e.GetType().Name);
        }

        return string.Join(" <- ", parts);
    }
}
