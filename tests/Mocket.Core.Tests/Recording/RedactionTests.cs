using System.Text;
using MocketNet.Protocols;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Recording;

public class RedactionTests
{
    private const string Request = "GET /things\r\nAuthorization: Bearer s3cr3t-t0ken\r\nX-Api-Key: k3y-v4lue\r\nDate: Mon, 01 Jan 2024\r\nNonce: 1111\r\nAccept: all\r\n\r\n";

    [Fact]
    public async Task Secrets_appear_nowhere_in_the_file_neither_as_text_nor_as_hex()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        string live;
        using (var scope = Mocket.Enable(Options(directory)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            live = await Net.ExchangeAsync(stream, Request);
        }

        Assert.Contains("s3cr3t-t0ken", live, StringComparison.Ordinal); // the client itself got the real reply
        var file = File.ReadAllText(directory.File("secret.json"));
        foreach (var secret in new[] { "s3cr3t-t0ken", "k3y-v4lue" })
        {
            Assert.DoesNotContain(secret, file, StringComparison.Ordinal);
            Assert.DoesNotContain(HexOf(secret), file, StringComparison.Ordinal);
        }

        Assert.Contains("Authorization: REDACTED", file, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key: REDACTED", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redacted_recording_replays_even_though_the_volatile_fields_changed()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        using (var scope = Mocket.Enable(Options(directory)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            await Net.ExchangeAsync(stream, Request);
        }

        var later = Request.Replace("Mon, 01 Jan 2024", "Tue, 02 Jan 2024", StringComparison.Ordinal).Replace("1111", "2222", StringComparison.Ordinal);
        using (var scope = Mocket.Enable(Options(directory, MocketRecordMode.None, strict: true)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            var replayed = await Net.ExchangeAsync(stream, later);

            Assert.StartsWith("echo:GET /things\r\nAuthorization: REDACTED\r\n", replayed, StringComparison.Ordinal);
            Assert.Empty(scope.Violations);
            Assert.Empty(scope.Errors);
        }

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task A_request_that_differs_in_more_than_volatile_or_secret_fields_does_not_replay()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        using (var scope = Mocket.Enable(Options(directory)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            await Net.ExchangeAsync(stream, Request);
        }

        using (var scope = Mocket.Enable(Options(directory, MocketRecordMode.None)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            var error = await Assert.ThrowsAsync<IOException>(() => Net.ExchangeAsync(stream, Request.Replace("Accept: all", "Accept: none", StringComparison.Ordinal)));
            Assert.IsType<MocketRecordingException>(error.InnerException);
        }
    }

    [Fact]
    public async Task Re_recording_a_request_whose_volatile_fields_changed_replaces_the_old_exchange()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        foreach (var date in new[] { "Mon", "Tue" })
        {
            using var scope = Mocket.Enable(Options(directory, MocketRecordMode.All));
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            await Net.ExchangeAsync(stream, Request.Replace("Mon", date, StringComparison.Ordinal));
        }

        var request = Assert.Single(RecordReplayTests.RecordedRequests(directory, "secret"));
        Assert.Contains("Date: Tue", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_made_elsewhere_with_the_secret_in_it_still_replays()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        // The block protocol always redacts Authorization, so this file is written by hand, as another tool would.
        var unredacted = "GET /x\r\nAuthorization: Bearer other\r\nX-Api-Key: plain\r\n\r\n";
        var signature = MocketNet.Recording.RecordingSignature.Of(Encoding.UTF8.GetBytes(unredacted));
        var records = new Dictionary<string, Dictionary<string, Dictionary<string, Dictionary<string, string>>>>
        {
            ["127.0.0.1"] = new() { [server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new() { [signature] = new() { ["request"] = unredacted, ["response"] = HexOf("echo:ok\r\n\r\n") } } },
        };
        var json = System.Text.Json.JsonSerializer.Serialize(records);
        File.WriteAllText(directory.File("secret.json"), json);

        using (var scope = Mocket.Enable(Options(directory, MocketRecordMode.None, strict: true)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            Assert.Equal("echo:ok\r\n\r\n", await Net.ExchangeAsync(stream, "GET /x\r\nAuthorization: Bearer mine\r\nX-Api-Key: also-mine\r\n\r\n"));
            Assert.Empty(scope.Violations);
        }

        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task The_recorded_request_is_the_canonical_form_sent_to_the_real_server_and_replays_for_any_spelling()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        using (var scope = Mocket.Enable(Options(directory)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            Assert.Equal("echo:GET /x\r\n\r\n", await Net.ExchangeAsync(stream, "get /x\r\n\r\n"));
        }

        Assert.Equal(["GET /x\r\n\r\n"], RecordReplayTests.RecordedRequests(directory, "secret"));
        using (var scope = Mocket.Enable(Options(directory, MocketRecordMode.None)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), BlockProtocol.Instance);
            Assert.Equal("echo:GET /x\r\n\r\n", await Net.ExchangeAsync(stream, "Get /x\r\n\r\n"));
        }

        Assert.Equal(1, server.Connections);
    }

    private static MocketOptions Options(TempDirectory directory, MocketRecordMode mode = MocketRecordMode.Once, bool strict = false) =>
        new() { RecordingDirectory = directory.Path, Namespace = "secret", RecordMode = mode, Strict = strict, RedactedFields = { "x-api-key" } };

    private static string HexOf(string text) => string.Join(' ', Encoding.UTF8.GetBytes(text).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
