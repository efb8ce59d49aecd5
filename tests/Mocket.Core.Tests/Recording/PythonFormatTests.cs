using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MocketNet.Recording;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Recording;

public class PythonFormatTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Recording", "TestData", "python-mocket-recording.json");

    [Fact]
    public void The_signature_of_each_request_in_a_file_python_mocket_wrote_is_its_key()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture));
        var records = json.RootElement.GetProperty("httpbin.local").GetProperty("80").EnumerateObject().ToList();

        Assert.Equal(2, records.Count);
        foreach (var record in records)
        {
            var request = Encoding.UTF8.GetBytes(record.Value.GetProperty("request").GetString()!);
            Assert.Equal(record.Name, RecordingSignature.Of(request));
        }
    }

    [Theory]
    [InlineData("hello", "5d41402abc4b2a76b9719d911017c592")]
    [InlineData("b\r\n\U0001F600 x\r\n\uFF21 y\r\na", "689cc8fab41b31020fb11eb809a02ec0")] // code point order: U+1F600 after U+FF21
    public void The_signature_sorts_lines_by_code_point_as_python_does(string request, string expected) =>
        Assert.Equal(expected, RecordingSignature.Of(Encoding.UTF8.GetBytes(request)));

    [Fact]
    public void The_signature_drops_invalid_utf8_as_python_does() =>
        Assert.Equal("bb69ef43d17531c097ced9f1ebe66231", RecordingSignature.Of([.. "GET /\r\nX: "u8, 0xFF, 0xFE, .. "ok\r\n"u8]));

    [Theory]
    [InlineData("/ip", "e2843e7232537a417f14a0cdaf97730e")]
    [InlineData("/gzip", "0b717b72090e760066708581e9024a2e")]
    public async Task A_file_python_mocket_recorded_replays_to_a_raw_client_sending_exactly_that_request(string path, string key)
    {
        using var directory = new TempDirectory();
        File.Copy(Fixture, directory.File("python.json"));
        var request = $"GET {path} HTTP/1.1\r\nHost: httpbin.local\r\nuser-agent: Fake-User-Agent\r\nAccept-Encoding: gzip, deflate, zstd\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n";
        byte[] expected;
        using (var json = JsonDocument.Parse(File.ReadAllText(Fixture)))
        {
            expected = Convert.FromHexString(json.RootElement.GetProperty("httpbin.local").GetProperty("80").GetProperty(key).GetProperty("response").GetString()!.Replace(" ", "", StringComparison.Ordinal));
        }

        using var scope = Mocket.Enable(new MocketOptions { Strict = true, RecordingDirectory = directory.Path, Namespace = "python", RecordMode = MocketRecordMode.None });
        await using var stream = Mocket.Connect("httpbin.local", 80);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));

        Assert.Equal(expected, await ReadExactlyAsync(stream, expected.Length));
        Assert.Empty(scope.Violations);
        Assert.Empty(scope.Errors);
        Assert.Single(scope.Requests);
    }

    /// <summary>
    /// TestData/python-mocket-binary.json was written by python-mocket's own MocketRecordStorage.put_record
    /// (commit b876453): it stores a binary request as lossy text (invalid UTF-8 dropped) and keys it by that.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0x2A, 0x32, 0x0D, 0x0A, 0x24, 0x34, 0x0D, 0x0A, 0x45, 0x43, 0x48, 0x4F, 0x0D, 0x0A, 0x24, 0x34, 0x0D, 0x0A, 0xFF, 0xFE, 0x00, 0x01, 0x0D, 0x0A },
                new byte[] { 0x24, 0x34, 0x0D, 0x0A, 0xFF, 0xFE, 0x00, 0x01, 0x0D, 0x0A })]
    [InlineData(new byte[] { 0x2A, 0x32, 0x0D, 0x0A, 0x24, 0x33, 0x0D, 0x0A, 0x47, 0x45, 0x54, 0x0D, 0x0A, 0x24, 0x33, 0x0D, 0x0A, 0x6B, 0xC3, 0xA9, 0x79, 0x0D, 0x0A },
                new byte[] { 0x24, 0x35, 0x0D, 0x0A, 0x76, 0x61, 0x6C, 0x75, 0xC3, 0xA9, 0x0D, 0x0A })]
    public async Task Binary_and_non_ascii_requests_python_mocket_recorded_replay_here(byte[] request, byte[] expected)
    {
        using var directory = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Recording", "TestData", "python-mocket-binary.json"), directory.File("python.json"));

        using var scope = Mocket.Enable(new MocketOptions { Strict = true, RecordingDirectory = directory.Path, Namespace = "python", RecordMode = MocketRecordMode.None });
        await using var stream = Mocket.Connect("redis.local", 6379);
        await stream.WriteAsync(request);

        Assert.Equal(expected, await ReadExactlyAsync(stream, expected.Length));
        Assert.Empty(scope.Violations);
        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task A_file_written_here_follows_the_reference_readers_rules()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        using (Mocket.Enable(RecordReplayTests.Options(directory)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            await Net.ExchangeAsync(stream, "GET /ünï HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n");
            await Net.ExchangeAsync(stream, "second");
        }

        var bytes = File.ReadAllBytes(directory.File("test.json"));
        Assert.All(bytes, b => Assert.True(b < 0x80)); // pure ASCII, like the reference's json.dumps
        var text = Encoding.ASCII.GetString(bytes);
        using var json = JsonDocument.Parse(text);
        var count = 0;
        foreach (var host in json.RootElement.EnumerateObject())
        {
            foreach (var port in host.Value.EnumerateObject())
            {
                Assert.True(int.TryParse(port.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _));
                foreach (var record in port.Value.EnumerateObject())
                {
                    count++;
                    var request = record.Value.GetProperty("request").GetString()!;
                    var response = record.Value.GetProperty("response").GetString()!;
                    Assert.Matches("^[0-9A-F]{2}( [0-9A-F]{2})*$", response);
                    var sorted = string.Concat(request.Split("\r\n").Order(StringComparer.Ordinal));
#pragma warning disable CA5351 // The reference's format keys exchanges by MD5.
                    Assert.Equal(record.Name, Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(sorted))));
#pragma warning restore CA5351
                }
            }
        }

        Assert.Equal(2, count);
        Assert.Contains("\n    \"127.0.0.1\": {", text, StringComparison.Ordinal); // indented like the reference (4 spaces)
        Assert.Contains("GET /\\u00fcn\\u00ef HTTP/1.1", text, StringComparison.Ordinal);

        using var scope = Mocket.Enable(RecordReplayTests.Options(directory, mode: MocketRecordMode.None));
        await using var replay = Mocket.Connect("127.0.0.1", server.Port);
        Assert.Equal("echo:GET /ünï HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n", await Net.ExchangeAsync(replay, "GET /ünï HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n"));
        Assert.Equal(1, server.Connections);
    }

    [PythonFact]
    public async Task Python_reads_a_file_written_here_with_the_reference_readers_rules()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        using (Mocket.Enable(RecordReplayTests.Options(directory)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            await Net.ExchangeAsync(stream, "GET /ünï HTTP/1.1\r\nHost: a\r\n\r\n");
            await Net.ExchangeAsync(stream, "second");
        }

        // The reference's reader: json.load, int(port), hexload(response) (white space dropped), and the
        // lookup key md5("".join(sorted(request.split("\r\n")))) for a client sending the stored request.
        const string Script = """
            import hashlib, json, sys
            data = json.load(open(sys.argv[1], encoding="utf-8"))
            n = 0
            for host, ports in data.items():
                for port, records in ports.items():
                    int(port)
                    for signature, record in records.items():
                        bytes.fromhex("".join(record["response"].split()))
                        request = record["request"]
                        assert hashlib.md5("".join(sorted(request.split("\r\n"))).encode()).hexdigest() == signature, signature
                        n += 1
            print(n)
            """;
        Assert.Equal("2", await PythonFactAttribute.RunAsync(Script, directory.File("test.json")));
    }

    [Fact]
    public async Task A_binary_request_is_stored_as_hex_which_both_readers_accept_and_replays()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        byte[] request = [0xFF, 0x00, 0x41];
        string recorded;
        using (Mocket.Enable(RecordReplayTests.Options(directory)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            await stream.WriteAsync(request);
            recorded = await Net.ReadSomeAsync(stream);
        }

        var text = File.ReadAllText(directory.File("test.json"));
        Assert.Contains("\"request\": \"FF 00 41\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("response_text", text, StringComparison.Ordinal); // "echo:" + U+FFFD + NUL is not printable

        using var scope = Mocket.Enable(RecordReplayTests.Options(directory, mode: MocketRecordMode.None));
        await using var replay = Mocket.Connect("127.0.0.1", server.Port);
        await replay.WriteAsync(request);
        Assert.Equal(recorded, await Net.ReadSomeAsync(replay));
        Assert.Equal(1, server.Connections);
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int length)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }
}
