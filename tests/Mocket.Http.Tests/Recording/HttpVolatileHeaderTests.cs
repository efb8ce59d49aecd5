using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>Headers that change from run to run do not stop a recording from replaying.</summary>
public class HttpVolatileHeaderTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_run_with_another_trace_id_user_agent_version_and_date_replays_the_recording(ClientKind kind)
    {
        using var directory = new TempDirectory();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(
            directory, "/json", u => SendAsync(kind, u, "TestApp/1.0.3 (Linux; x64) HttpClient/8.0", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "Tue, 24 Nov 2026 10:00:00 GMT"));

        var replayed = await Recordings.ReplayOfflineAsync(directory, () => SendAsync(kind, url, "TestApp/2.5.0 (Linux; arm64) HttpClient/10.0", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", "Wed, 25 Nov 2026 12:00:00 GMT"));

        Assert.Equal(recorded, replayed);
    }

    [Fact]
    public async Task Another_product_in_the_user_agent_is_not_the_same_request()
    {
        using var directory = new TempDirectory();
        var (url, _) = await Recordings.RecordFromOriginAsync(
            directory, "/json", u => SendAsync(ClientKind.Global, u, "TestApp/1.0", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null));

        using var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None));
        await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(ClientKind.Global, url, "OtherApp/1.0", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null));
        Assert.IsType<MocketRecordingException>(Assert.Single(scope.Errors));
    }

    private static async Task<Reply> SendAsync(ClientKind kind, Uri url, string userAgent, string traceParent, string? date)
    {
        using var client = Clients.Create(kind);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Add("traceparent", traceParent);
        request.Headers.Add("Request-Id", Guid.NewGuid().ToString());
        if (date is not null)
        {
            request.Headers.TryAddWithoutValidation("Date", date);
        }

        return await Reply.ReadAsync(client.SendAsync(request));
    }
}
