using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MocketNet.Benchmarks;

/// <summary>
/// One raw request/response answered by a registered entry, replayed from a recording (100 exchanges
/// at the location), and passed through to a real echo server on loopback.
/// </summary>
[MemoryDiagnoser]
public class RecordingBenchmarks
{
    private readonly byte[] _request = "PING\r\n"u8.ToArray();
    private readonly byte[] _buffer = new byte[64];
    private readonly List<MocketScope> _scopes = [];
    private readonly List<Stream> _streams = [];
    private string _directory = null!;
    private TcpListener _echo = null!;
    private Stream _entry = null!;
    private Stream _replay = null!;
    private Stream _passThrough = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mocket-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "bench.json"), RecordingJson());
        _echo = new TcpListener(IPAddress.Loopback, 0);
        _echo.Start();
        _ = EchoAsync();

        var entries = Open(new MocketOptions());
        entries.Register(new MocketEntry("bench.test", 7, "+PONG\r\n"));
        _entry = Keep(entries.Connect("bench.test", 7));
        _replay = Keep(Open(new MocketOptions { RecordingDirectory = _directory, Namespace = "bench", RecordMode = MocketRecordMode.None }).Connect("bench.test", 7));
        _passThrough = Keep(Open(new MocketOptions()).Connect("127.0.0.1", ((IPEndPoint)_echo.LocalEndpoint).Port));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _streams.ForEach(s => s.Dispose());
        _scopes.ForEach(s => s.Dispose());
        _echo.Stop();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<int> Entry() => ExchangeAsync(_entry);

    [Benchmark]
    public Task<int> ReplayFromRecording() => ExchangeAsync(_replay);

    [Benchmark]
    public Task<int> PassThroughToLoopbackServer() => ExchangeAsync(_passThrough);

    private async Task<int> ExchangeAsync(Stream stream)
    {
        await stream.WriteAsync(_request);
        return await stream.ReadAsync(_buffer);
    }

    private MocketScope Open(MocketOptions options)
    {
        var scope = Mocket.Enable(options);
        _scopes.Add(scope);
        return scope;
    }

    private Stream Keep(Stream stream)
    {
        _streams.Add(stream);
        return stream;
    }

    private static string RecordingJson()
    {
        var records = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            var request = i == 0 ? "PING\r\n" : string.Create(CultureInfo.InvariantCulture, $"OTHER {i}\r\n");
#pragma warning disable CA5351 // The recording format's signature.
            var signature = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(string.Concat(request.Split("\r\n").Order(StringComparer.Ordinal))))).ToLowerInvariant();
#pragma warning restore CA5351
            records.Append(CultureInfo.InvariantCulture, $"\"{signature}\": {{\"request\": \"{request.Replace("\r\n", "\\r\\n", StringComparison.Ordinal)}\", \"response\": \"2B 50 4F 4E 47 0D 0A\"}},");
        }

        return $"{{\"bench.test\": {{\"7\": {{{records.ToString().TrimEnd(',')}}}}}}}";
    }

    private async Task EchoAsync()
    {
        try
        {
            while (true)
            {
                var client = await _echo.AcceptTcpClientAsync();
                client.NoDelay = true;
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        int read;
                        while ((read = await stream.ReadAsync(buffer)) > 0)
                        {
                            await stream.WriteAsync(buffer.AsMemory(0, read));
                        }
                    }
                });
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
        }
    }
}
