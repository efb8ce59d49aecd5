using System.Net.Sockets;
using System.Text;

namespace MocketNet.Demo;

/// <summary>Raw sockets: an in-memory connection, a loopback listener for a plain TcpClient, and strict mode.</summary>
public static class CoreDemo
{
    public static async Task RunAsync()
    {
        Console.WriteLine("== Raw sockets (Mocket.Core)");
        await using (var scope = Mocket.Enable())
        {
            Mocket.Register(new MocketEntry("smtp.example.test", 25, "220 smtp.example.test ready\r\n", "250 OK\r\n"));

            await using var stream = Mocket.Connect("smtp.example.test", 25);
            Console.WriteLine($"  in memory : EHLO demo      -> {await ExchangeAsync(stream, "EHLO demo\r\n")}");
            Console.WriteLine($"  in memory : MAIL FROM:<me> -> {await ExchangeAsync(stream, "MAIL FROM:<me>\r\n")}");

            using var tcp = new TcpClient();
            await tcp.ConnectAsync(Mocket.Listen("smtp.example.test", 25));
            Console.WriteLine($"  TcpClient : NOOP           -> {await ExchangeAsync(tcp.GetStream(), "NOOP\r\n")}   (via loopback listener)");

            Mocket.AssertLastRequest(r => Encoding.ASCII.GetString(r.Data.Span) == "NOOP\r\n");
            Console.WriteLine($"  requests logged: {Mocket.Requests.Count}; last one asserted with Mocket.AssertLastRequest");
        }

        var strict = Mocket.Enable(new MocketOptions { Strict = true });
        try
        {
            Mocket.Connect("unregistered.example.test", 443);
        }
        catch (StrictMocketException ex)
        {
            Console.WriteLine("  strict mode refused an unregistered location:");
            Console.WriteLine("    " + ex.Message.Split(Environment.NewLine)[1]);
        }

        Console.WriteLine($"  violations recorded by the strict scope: {strict.Close(throwOnViolations: false).Count}");
    }

    private static async Task<string> ExchangeAsync(Stream stream, string request)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }
}
