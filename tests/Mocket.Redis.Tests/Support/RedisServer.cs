using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MocketNet.Redis.Tests.Support;

/// <summary>
/// A real redis-server on a free 127.0.0.1 port, without persistence, for fidelity and pass-through
/// tests. Started when constructed (ready once it accepts a PING), stopped by its own pid when disposed.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string MissingMessage =
        "redis-server is not installed: install it with `apt-get install -y redis-server` (Debian/Ubuntu) to run this test.";

    private readonly Process _process;

    /// <summary>Starts a server; with a password it requires AUTH (<c>--requirepass</c>).</summary>
    public RedisServer(string? password = null)
    {
        Password = password;
        var path = ExecutablePath ?? throw new InvalidOperationException(MissingMessage);
        Port = FreePort();
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] auth = password is null ? [] : ["--requirepass", password];
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" }.Concat(auth))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    public static string? ExecutablePath { get; } = Find("redis-server");

    public int Port { get; }

    public string? Password { get; }

    /// <summary>A StackExchange.Redis configuration string for this server (with its password, if it has one).</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}" + (Password is null ? string.Empty : $",password={Password}");

    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Stores a string key directly on the real server.</summary>
    public async Task SetAsync(string key, string value)
    {
        using var direct = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Configuration);
        await direct.GetDatabase().StringSetAsync(key, value);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Connects until the server answers PING (no sleeps).</summary>
    private void WaitUntilReady()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} before it was ready (port {Port}).");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                // PING answers +PONG, or -NOAUTH when a password is required: either way the server is up.
                stream.Write("PING\r\n"u8);
                var buffer = new byte[7];
                var read = stream.Read(buffer);
                if (read > 0 && buffer[0] is (byte)'+' or (byte)'-')
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet: a refused loopback connect is immediate, so simply try again.
            }
        }

        throw new TimeoutException($"redis-server did not answer on port {Port} within 20 s.");
    }
}
