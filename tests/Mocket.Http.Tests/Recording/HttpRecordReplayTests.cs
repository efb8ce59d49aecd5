using System.Text;
using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>Record real exchanges with a Kestrel origin, stop it, replay them offline through real HttpClients.</summary>
public class HttpRecordReplayTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_JSON_reply_recorded_through_a_client_replays_the_same_with_the_origin_stopped(ClientKind kind)
    {
        using var directory = new TempDirectory();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/json", u => SendAsync(kind, u));

        var replayed = await Recordings.ReplayOfflineAsync(directory, () => SendAsync(kind, url));

        Assert.Equal(recorded, replayed);
        Assert.Equal(Origin.Json, replayed.Body);
        Assert.Contains("X-Origin: kestrel", replayed.Headers, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", replayed.Headers, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_chunked_reply_replays_chunked(ClientKind kind)
    {
        using var directory = new TempDirectory();
        var (url, _) = await Recordings.RecordFromOriginAsync(directory, "/chunked", u => SendAsync(kind, u));

        var replayed = await Recordings.ReplayOfflineAsync(directory, () => SendAsync(kind, url));

        Assert.Equal("part one, part two, part three", replayed.Body);
        Assert.Contains("Transfer-Encoding: chunked", replayed.Headers, StringComparison.Ordinal);
        var exchange = Assert.Single(Recordings.Exchanges(directory));
        Assert.EndsWith("\r\n\r\npart one, part two, part three", exchange.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_gzip_reply_replays_to_a_decompressing_client_and_its_text_copy_is_decompressed(ClientKind kind)
    {
        using var directory = new TempDirectory();
        async Task<Reply> GetDecompressedAsync(Uri url)
        {
            using var client = Clients.CreateDecompressing(kind);
            return await Reply.ReadAsync(client.GetAsync(url));
        }

        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/gzip", GetDecompressedAsync);
        var replayed = await Recordings.ReplayOfflineAsync(directory, () => GetDecompressedAsync(url));

        Assert.Equal(Origin.GzipText, recorded.Body);
        Assert.Equal(recorded, replayed);
        var exchange = Assert.Single(Recordings.Exchanges(directory));
        Assert.Contains("Accept-Encoding: gzip", exchange.Request, StringComparison.Ordinal);
        Assert.Contains("Content-Encoding: gzip", exchange.Text, StringComparison.Ordinal);
        Assert.EndsWith(Origin.GzipText, exchange.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("compressed hello", Encoding.Latin1.GetString(Convert.FromHexString(exchange.Response.Replace(" ", "", StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_POST_replays_for_the_same_body_and_a_different_body_is_a_miss()
    {
        using var directory = new TempDirectory();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/echo", u => PostAsync(u, """{"n":1}"""));

        Assert.Equal("""posted:{"n":1}""", recorded.Body);
        Assert.Equal(recorded, await Recordings.ReplayOfflineAsync(directory, () => PostAsync(url, """{"n":1}""")));
        using var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PostAsync(url, """{"n":2}"""));
        Assert.NotNull(Clients.FindInChain<MocketRecordingException>(error));
        Assert.Contains("POST /echo HTTP/1.1", Assert.Single(scope.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_string_is_part_of_the_match()
    {
        using var directory = new TempDirectory();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/query?b=2&a=x%20y&empty=", u => SendAsync(ClientKind.Global, u));

        Assert.Equal("query:?b=2&a=x%20y&empty=", recorded.Body);
        Assert.Equal(recorded, await Recordings.ReplayOfflineAsync(directory, () => SendAsync(ClientKind.Global, url)));
        Assert.StartsWith("GET /query?b=2&a=x%20y&empty= HTTP/1.1\r\n", Assert.Single(Recordings.Exchanges(directory)).Request, StringComparison.Ordinal);
        using var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None));
        await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(ClientKind.Global, new Uri(url, "/query?b=3")));
        Assert.IsType<MocketRecordingException>(Assert.Single(scope.Errors));
    }

    [Theory]
    [InlineData(ClientKind.Explicit, ClientKind.Global)]
    [InlineData(ClientKind.Global, ClientKind.Explicit)]
    public async Task A_recording_made_through_one_seam_replays_through_the_other(ClientKind recordWith, ClientKind replayWith)
    {
        using var directory = new TempDirectory();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/json", u => SendAsync(recordWith, u));

        Assert.Equal(recorded, await Recordings.ReplayOfflineAsync(directory, () => SendAsync(replayWith, url)));
    }

    [Fact]
    public async Task Both_seams_record_the_same_request_text()
    {
        using var explicitDirectory = new TempDirectory();
        using var globalDirectory = new TempDirectory();
        await using var origin = await Origin.StartAsync();
        var url = new Uri(origin.Address, "/echo?x=1");

        await Recordings.RecordAsync(explicitDirectory, () => PostAsync(url, "same", ClientKind.Explicit));
        await Recordings.RecordAsync(globalDirectory, () => PostAsync(url, "same", ClientKind.Global));

        var request = Assert.Single(Recordings.Exchanges(explicitDirectory)).Request;
        Assert.Equal(request, Assert.Single(Recordings.Exchanges(globalDirectory)).Request);
        Assert.Equal(
            $"POST /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:{origin.Address.Port}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 4\r\n\r\nsame",
            request);
    }

    [Fact]
    public async Task Several_requests_on_one_kept_alive_connection_are_recorded_one_reply_each_and_replay_on_one_connection()
    {
        using var directory = new TempDirectory();
        var origin = await Origin.StartAsync();
        string[] paths = ["/json", "/chunked", "/counter", "/gzip", "/json"];
        async Task<Reply[]> SendAllAsync()
        {
            using var client = Clients.CreateDecompressing(ClientKind.Global);
            var replies = new List<Reply>();
            foreach (var path in paths)
            {
                replies.Add(await Reply.ReadAsync(client.GetAsync(new Uri(origin.Address, path))));
            }

            return [.. replies];
        }

        var recorded = await Recordings.RecordAsync(directory, SendAllAsync);
        await origin.DisposeAsync();
        var replayed = await Recordings.ReplayOfflineAsync(directory, SendAllAsync);

        Assert.Equal(["count:1", Origin.GzipText], recorded[2..4].Select(r => r.Body));
        Assert.Equal(recorded, replayed);
        Assert.Equal(4, Recordings.Exchanges(directory).Count);
    }

    [Fact]
    public async Task The_offline_replay_check_would_see_a_client_that_went_to_the_network_instead()
    {
        using var directory = new TempDirectory();
        var (url, _) = await Recordings.RecordFromOriginAsync(directory, "/json", u => SendAsync(ClientKind.Global, u));
        using var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None, strict: true));

        // No activity propagator: the global seam cannot see this handler, so it connects for real (and is refused).
        using var unseen = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null });
        await Assert.ThrowsAsync<HttpRequestException>(() => unseen.GetAsync(url));

        var violation = Assert.Single(scope.Close(throwOnViolations: false));
        Assert.Equal(MocketViolationKind.Connection, violation.Kind);
        Assert.Equal($"127.0.0.1:{url.Port}", violation.Address);
    }

    [Fact]
    public async Task A_HEAD_reply_is_recorded_without_a_body_and_replays()
    {
        using var directory = new TempDirectory();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/json", u => SendAsync(ClientKind.Explicit, u, HttpMethod.Head));

        var replayed = await Recordings.ReplayOfflineAsync(directory, () => SendAsync(ClientKind.Global, url, HttpMethod.Head));

        Assert.Equal(recorded, replayed);
        Assert.Equal(string.Empty, replayed.Body);
    }

    internal static async Task<Reply> SendAsync(ClientKind kind, Uri url, HttpMethod? method = null)
    {
        using var client = Clients.Create(kind);
        return await Reply.ReadAsync(client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, url)));
    }

    private static async Task<Reply> PostAsync(Uri url, string body, ClientKind kind = ClientKind.Global)
    {
        using var client = Clients.Create(kind);
        return await Reply.ReadAsync(client.PostAsync(url, new StringContent(body)));
    }
}
