using System.Net;
using MocketNet.Http.Tests.Recording;
using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Http2;

/// <summary>An HTTP/2 client records through Mocket (upstream in HTTP/1.1 form) and replays offline, over HTTP/2 both times.</summary>
public class Http2RecordReplayTests
{
    [Theory]
    [InlineData(ClientKind.Explicit, "/json")]
    [InlineData(ClientKind.Global, "/json")]
    [InlineData(ClientKind.Explicit, "/chunked")]
    public async Task A_reply_recorded_over_HTTP2_replays_the_same_with_the_origin_stopped(ClientKind kind, string path)
    {
        using var directory = new TempDirectory();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, path, u => SendHttp2Async(kind, u));

        var replayed = await Recordings.ReplayOfflineAsync(directory, () => SendHttp2Async(kind, url));

        Assert.Equal(recorded, replayed);
        Assert.Equal(path == "/json" ? Origin.Json : "part one, part two, part three", replayed.Body);
        Assert.Contains("Content-Type: ", replayed.Headers, StringComparison.OrdinalIgnoreCase);
        var exchange = Assert.Single(Recordings.Exchanges(directory));
        Assert.StartsWith($"GET {path} HTTP/1.1\r\n", exchange.Request, StringComparison.Ordinal);
    }

    private static async Task<Reply> SendHttp2Async(ClientKind kind, Uri url)
    {
        using var client = Clients.Create(kind);
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpVersion.Version20, response.Version);
        return await Reply.ReadAsync(Task.FromResult(response));
    }
}
