using System.Net.Http.Headers;
using System.Text;
using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>Secrets never reach the recording file, and a redacted recording replays whatever the secrets are now.</summary>
public class HttpRedactionTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task Authorization_a_cookie_a_set_cookie_and_a_user_named_query_key_appear_nowhere_in_the_file_and_it_replays_with_other_secrets(ClientKind kind)
    {
        using var directory = new TempDirectory();
        var (origin, recorded) = await Recordings.RecordFromOriginAsync(
            directory, "/", u => SendAsync(kind, u, "s3cr3t-token", "s3cr3t-cookie", "s3cr3t-key"), redacted: "api_key");

        var file = File.ReadAllText(Recordings.File(directory));
        var exchange = Assert.Single(Recordings.Exchanges(directory));
        var responseBytes = Encoding.Latin1.GetString(Convert.FromHexString(exchange.Response.Replace(" ", "", StringComparison.Ordinal)));
        foreach (var text in new[] { file, exchange.Request, exchange.Text!, responseBytes })
        {
            Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        }

        Assert.Contains("Authorization: Bearer REDACTED", exchange.Request, StringComparison.Ordinal);
        Assert.Contains("Cookie: session=REDACTED", exchange.Request, StringComparison.Ordinal);
        Assert.Contains("api_key=REDACTED&page=2", exchange.Request, StringComparison.Ordinal);
        Assert.Contains("Set-Cookie: session=REDACTED; path=/; httponly", responseBytes, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("signed in", recorded.Body);

        var replayed = await Recordings.ReplayOfflineAsync(
            directory, () => SendAsync(kind, origin, "other-token", "other-cookie", "other-key"), "api_key");

        Assert.Equal(recorded.Body, replayed.Body);
        Assert.Equal(recorded.Status, replayed.Status);
    }

    [Fact]
    public async Task The_client_of_the_recording_run_still_gets_the_real_set_cookie()
    {
        using var directory = new TempDirectory();
        await using var origin = await Origin.StartAsync();

        var recorded = await Recordings.RecordAsync(directory, () => SendAsync(ClientKind.Global, origin.Address, "t", "c", "k"));

        Assert.Contains("s3cr3t-set-cookie", recorded.Headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redacted_query_key_still_tells_requests_apart_by_the_other_keys()
    {
        using var directory = new TempDirectory();
        var (origin, _) = await Recordings.RecordFromOriginAsync(directory, "/", u => SendAsync(ClientKind.Global, u, "t", "c", "k"), redacted: "api_key");

        using var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None, redacted: "api_key"));
        await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(ClientKind.Global, origin, "t", "c", "k", page: 3));
        Assert.IsType<MocketRecordingException>(Assert.Single(scope.Errors));
    }

    private static async Task<Reply> SendAsync(ClientKind kind, Uri origin, string token, string cookie, string key, int page = 2)
    {
        using var client = Clients.Create(kind);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, $"/session?api_key={key}&page={page}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Cookie", $"session={cookie}");
        return await Reply.ReadAsync(client.SendAsync(request));
    }
}
