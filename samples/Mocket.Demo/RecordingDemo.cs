using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MocketNet.Demo;

/// <summary>Recording: talk to a real server once, store the exchange, then replay it with the server gone.</summary>
public static class RecordingDemo
{
    public static async Task RunAsync()
    {
        Console.WriteLine("== Recording and replay (Mocket.Core)");
        var directory = Path.Combine(Path.GetTempPath(), "mocket-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            int port;
            using (var server = new TcpListener(IPAddress.Loopback, 0))
            {
                server.Start();
                port = ((IPEndPoint)server.LocalEndpoint).Port;
                var serving = ServeOnceAsync(server);

                await using (Mocket.Enable(new MocketOptions { RecordingDirectory = directory, Namespace = "Demo.Greeting" }))
                {
                    await using var stream = Mocket.Connect("127.0.0.1", port);
                    Console.WriteLine($"  recording : HELLO -> {await ExchangeAsync(stream, "HELLO\r\n")}   (the real server answered)");
                }

                await serving;
            }

            Console.WriteLine($"  stored in {Path.Combine(directory, "Demo.Greeting.json")} (Python mocket's format); server stopped");
            var strict = Mocket.Enable(new MocketOptions
            {
                Strict = true,
                RecordingDirectory = directory,
                Namespace = "Demo.Greeting",
                RecordMode = MocketRecordMode.None,
            });
            await using (var stream = Mocket.Connect("127.0.0.1", port))
            {
                Console.WriteLine($"  replaying : HELLO -> {await ExchangeAsync(stream, "HELLO\r\n")}   (from the file, no network)");
            }

            Console.WriteLine($"  violations in the strict replay scope: {strict.Close(throwOnViolations: false).Count}");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task ServeOnceAsync(TcpListener server)
    {
        using var client = await server.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer);
        var greeting = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"+{greeting} from the real server at {DateTime.UtcNow:HH:mm:ss}\r\n"));
    }

    private static async Task<string> ExchangeAsync(Stream stream, string request)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }
}
