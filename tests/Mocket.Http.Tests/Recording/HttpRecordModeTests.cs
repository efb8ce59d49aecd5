using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>Each record mode, through HttpClient and a Kestrel origin.</summary>
public class HttpRecordModeTests
{
    [Fact]
    public async Task Once_replays_what_is_recorded_and_passes_through_and_records_what_is_missing()
    {
        using var directory = new TempDirectory();
        await using var origin = await Origin.StartAsync();
        var first = await Recordings.RecordAsync(directory, () => GetAsync(new Uri(origin.Address, "/counter")));

        using (var scope = Mocket.Enable(Recordings.Options(directory)))
        {
            Assert.Equal(MocketRecordMode.Once, scope.RecordMode);
            Assert.Equal(first, await GetAsync(new Uri(origin.Address, "/counter")));
            Assert.Equal(1, origin.Requests);
            Assert.Equal("query:?new=1", (await GetAsync(new Uri(origin.Address, "/query?new=1"))).Body);
            Assert.Equal(2, origin.Requests);
        }

        Assert.Equal("count:1", first.Body);
        Assert.Equal(2, Recordings.Exchanges(directory).Count);
    }

    [Fact]
    public async Task None_replays_and_fails_a_miss_through_the_global_seam_with_the_recording_error_itself_without_reaching_the_origin_or_changing_the_file()
    {
        using var directory = new TempDirectory();
        await using var origin = await Origin.StartAsync();
        await Recordings.RecordAsync(directory, () => GetAsync(new Uri(origin.Address, "/json")));
        var before = File.ReadAllBytes(Recordings.File(directory));

        using (var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None)))
        {
            Assert.Equal(Origin.Json, (await GetAsync(new Uri(origin.Address, "/json"))).Body);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => GetAsync(new Uri(origin.Address, "/counter")));

            var miss = Clients.FindInChain<MocketRecordingException>(error);
            Assert.NotNull(miss);
            Assert.Same(miss, Assert.Single(scope.Errors));
            Assert.Contains("GET /counter HTTP/1.1", miss.Message, StringComparison.Ordinal);
            Assert.Contains(Recordings.File(directory), miss.Message, StringComparison.Ordinal);
            Assert.Empty(scope.Violations);
        }

        Assert.Equal(1, origin.Requests);
        Assert.Equal(before, File.ReadAllBytes(Recordings.File(directory)));
    }

    [Fact]
    public async Task All_passes_every_request_through_again_and_replaces_the_recorded_reply()
    {
        using var directory = new TempDirectory();
        await using var origin = await Origin.StartAsync();
        var url = new Uri(origin.Address, "/counter");
        await Recordings.RecordAsync(directory, () => GetAsync(url));

        using (var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.All)))
        {
            Assert.Equal("count:2", (await GetAsync(url)).Body);
        }

        Assert.Equal(2, origin.Requests);
        var exchange = Assert.Single(Recordings.Exchanges(directory));
        Assert.EndsWith("count:2", exchange.Text, StringComparison.Ordinal);
        Assert.Equal("count:2", (await Recordings.ReplayOfflineAsync(directory, () => GetAsync(url))).Body);
    }

    private static Task<Reply> GetAsync(Uri url) => HttpRecordReplayTests.SendAsync(ClientKind.Global, url);
}
