using System.Buffers;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Tests.Support;

/// <summary>A raw RESP client for any stream: sends a command as an array of bulk strings and reads exactly one whole reply.</summary>
public static class RespClient
{
    public static byte[] Command(params string[] args)
    {
        var text = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args)
        {
            text.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Sends one command and returns its reply's exact bytes as text (bounded, so a bug fails instead of hanging).</summary>
    public static Task<string> SendAsync(Stream stream, params string[] args) => SendRawAsync(stream, Command(args));

    public static async Task<string> SendRawAsync(Stream stream, byte[] request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.WriteAsync(request, timeout.Token);
        await stream.FlushAsync(timeout.Token);
        var received = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(received.ToArray());
            if (!buffer.IsEmpty && Resp.TryDecode(ref buffer, out _))
            {
                return Encoding.UTF8.GetString(received.ToArray());
            }

            var read = await stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"The server closed the connection after {received.Count} bytes of a reply.");
            }

            received.AddRange(chunk.AsSpan(0, read));
        }
    }
}
