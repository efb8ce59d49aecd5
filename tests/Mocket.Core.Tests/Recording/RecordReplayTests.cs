using System.Text.Json;
using MocketNet.Protocols;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Recording;

public class RecordReplayTests
{
    [Fact]
    public async Task A_recorded_exchange_replays_in_a_strict_scope_with_no_connection_and_still_after_the_server_stops()
    {
        using var directory = new TempDirectory();
        var server = new LoopbackEchoServer();
        using (Mocket.Enable(Options(directory)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
            Assert.Equal("echo:again", await Net.ExchangeAsync(stream, "again"));
        }

        Assert.Equal(1, server.Connections);
        using (var strict = Mocket.Enable(Options(directory, strict: true)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("echo:again", await Net.ExchangeAsync(stream, "again"));
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
            Assert.Empty(strict.Violations);
            Assert.Equal(2, strict.Requests.Count);
        }

        Assert.Equal(1, server.Connections);
        var port = server.Port;
        server.Dispose();
        using (var replay = Mocket.Enable(Options(directory, mode: MocketRecordMode.None)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", port);
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
            Assert.Empty(replay.Errors);
        }
    }

    [Fact]
    public async Task The_recording_file_is_complete_on_disk_when_the_scope_closes_and_nothing_else_is_left_in_the_directory()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        var scope = Mocket.Enable(Options(directory, "complete"));
        await using (var stream = Mocket.Connect("127.0.0.1", server.Port))
        {
            await Net.ExchangeAsync(stream, "one");
        }

        Assert.False(File.Exists(directory.File("complete.json")));
        scope.Close();

        Assert.Equal(directory.File("complete.json"), scope.RecordingFile);
        Assert.Equal([directory.File("complete.json")], Directory.GetFiles(directory.Path));
        using var json = JsonDocument.Parse(File.ReadAllText(directory.File("complete.json")));
        var exchange = json.RootElement.GetProperty("127.0.0.1").GetProperty(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .EnumerateObject().Single().Value;
        Assert.Equal("one", exchange.GetProperty("request").GetString());
        Assert.Equal("65 63 68 6F 3A 6F 6E 65", exchange.GetProperty("response").GetString());
        Assert.Equal("echo:one", exchange.GetProperty("response_text").GetString());
    }

    [Fact]
    public async Task Once_replays_what_is_recorded_and_records_only_what_is_missing()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordAsync(directory, server, "hello");

        using (Mocket.Enable(Options(directory)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
            Assert.Equal(1, server.Connections);
            Assert.Equal("echo:new", await Net.ExchangeAsync(stream, "new"));
            Assert.Equal(2, server.Connections);
        }

        Assert.Equal(["hello", "new"], RecordedRequests(directory));
    }

    [Fact]
    public async Task None_replays_and_fails_a_miss_with_an_error_naming_the_request_and_the_file_without_touching_the_network()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordAsync(directory, server, "hello");
        var before = File.ReadAllBytes(directory.File("test.json"));

        using (var scope = Mocket.Enable(Options(directory, mode: MocketRecordMode.None)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
            var error = await Assert.ThrowsAsync<IOException>(() => Net.ExchangeAsync(stream, "never recorded"));

            var miss = Assert.IsType<MocketRecordingException>(error.InnerException);
            Assert.Contains("never recorded", miss.Message, StringComparison.Ordinal);
            Assert.Contains(directory.File("test.json"), miss.Message, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{server.Port}", miss.Message, StringComparison.Ordinal);
            Assert.Contains("MOCKET_RECORD_MODE=once", miss.Message, StringComparison.Ordinal);
            Assert.Equal(directory.File("test.json"), miss.FilePath);
            Assert.Same(miss, Assert.Single(scope.Errors));
        }

        Assert.Equal(1, server.Connections);
        Assert.Equal(before, File.ReadAllBytes(directory.File("test.json")));
    }

    [Fact]
    public async Task All_never_replays_and_records_every_exchange_again()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordAsync(directory, server, "hello");
        var path = directory.File("test.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("65 63 68 6F 3A", "73 74 61 6C 65", StringComparison.Ordinal)); // "echo:" -> "stale"

        using (Mocket.Enable(Options(directory)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("stalehello", await Net.ExchangeAsync(stream, "hello"));
        }

        using (var scope = Mocket.Enable(Options(directory, mode: MocketRecordMode.All)))
        {
            Assert.Equal(MocketRecordMode.All, scope.RecordMode);
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
        }

        Assert.Equal(2, server.Connections); // the recording run, then one upstream connection for both re-recorded requests
        Assert.Contains("\"echo:hello\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(["hello"], RecordedRequests(directory));
    }

    [Fact]
    public async Task A_strict_scope_records_traffic_to_allowed_hosts_only()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        using (var scope = Mocket.Enable(new MocketOptions { Strict = true, RecordingDirectory = directory.Path, Namespace = "refused" }))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            var error = await Assert.ThrowsAsync<IOException>(() => Net.ExchangeAsync(stream, "refused\r\n\r\n"));
            var violation = Assert.IsType<StrictMocketException>(error.InnerException);
            Assert.Contains($"no exchange recorded in {directory.File("refused.json")} matched it either", violation.Message, StringComparison.Ordinal);
            Assert.Single(scope.Close(throwOnViolations: false));
        }

        Assert.False(File.Exists(directory.File("refused.json")));
        Assert.Equal(0, server.Connections);

        using (var scope = Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1" }, RecordingDirectory = directory.Path, Namespace = "allowed" }))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("echo:allowed", await Net.ExchangeAsync(stream, "allowed"));
            Assert.Empty(scope.Violations);
        }

        Assert.Equal(["allowed"], RecordedRequests(directory, "allowed"));
    }

    [Fact]
    public async Task A_scope_that_only_replayed_leaves_the_file_as_it_was()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordAsync(directory, server, "hello");
        var path = directory.File("test.json");
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        await RecordAsync(directory, server, "hello");

        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task All_keeps_the_exchanges_that_were_not_requested_again()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordAsync(directory, server, "first");

        using (Mocket.Enable(Options(directory, mode: MocketRecordMode.All)))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            await Net.ExchangeAsync(stream, "second");
        }

        Assert.Equal(["first", "second"], RecordedRequests(directory));
    }

    [Fact]
    public async Task A_loopback_listener_replays_too()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordAsync(directory, server, "via listener");

        using var scope = Mocket.Enable(Options(directory, strict: true));
        var endPoint = Mocket.Listen("127.0.0.1", server.Port);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(endPoint);

        Assert.Equal("echo:via listener", await Net.ExchangeAsync(client.GetStream(), "via listener"));
        Assert.Equal(1, server.Connections);
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task Registered_entries_still_answer_before_the_recording()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordAsync(directory, server, "hello");

        using var scope = Mocket.Enable(Options(directory, mode: MocketRecordMode.None));
        Mocket.Register(new MocketEntry("127.0.0.1", server.Port, "from the entry"));
        await using var stream = Mocket.Connect("127.0.0.1", server.Port);

        Assert.Equal("from the entry", await Net.ExchangeAsync(stream, "hello"));
    }

    internal static MocketOptions Options(TempDirectory directory, string name = "test", MocketRecordMode mode = MocketRecordMode.Once, bool strict = false) =>
        new() { RecordingDirectory = directory.Path, Namespace = name, RecordMode = mode, Strict = strict };

    internal static async Task RecordAsync(TempDirectory directory, LoopbackEchoServer server, string request, string name = "test")
    {
        using var scope = Mocket.Enable(Options(directory, name));
        await using var stream = Mocket.Connect("127.0.0.1", server.Port);
        Assert.Equal("echo:" + request, await Net.ExchangeAsync(stream, request));
    }

    internal static List<string> RecordedRequests(TempDirectory directory, string name = "test")
    {
        using var json = JsonDocument.Parse(File.ReadAllText(directory.File(name + ".json")));
        return [.. json.RootElement.EnumerateObject()
            .SelectMany(h => h.Value.EnumerateObject())
            .SelectMany(p => p.Value.EnumerateObject())
            .Select(r => r.Value.GetProperty("request").GetString()!)
            .Order(StringComparer.Ordinal)];
    }
}
