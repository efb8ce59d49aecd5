using MocketNet.Recording;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Recording;

public class RecordingNamespaceTests
{
    [Theory]
    [InlineData(null, "mocket")]
    [InlineData("  ", "mocket")]
    [InlineData("tests.test_http.HttpEntryTestCase.test_truesendall", "tests.test_http.HttpEntryTestCase.test_truesendall")]
    [InlineData("../../etc/passwd", "_.._etc_passwd")]
    [InlineData("My.Tests.Fetches(url: \"https://a/b?c=1\")", "My.Tests.Fetches(url_ _https___a_b_c=1_)")]
    [InlineData("a\\b|c*d<e>f\tg", "a_b_c_d_e_f_g")]
    [InlineData("..", "_")]
    [InlineData("/", "__")]
    [InlineData("con", "_con")]
    [InlineData("NUL.tests", "_NUL.tests")]
    [InlineData("über ünïcode ☃", "über ünïcode ☃")]
    public void A_namespace_is_made_safe_as_a_file_name(string? @namespace, string expected) =>
        Assert.Equal(expected, RecordingFileName.Safe(@namespace));

    [Fact]
    public void A_long_namespace_is_cut_and_keeps_a_hash_so_different_names_stay_different()
    {
        var a = RecordingFileName.Safe(new string('x', 300) + "a");
        var b = RecordingFileName.Safe(new string('x', 300) + "b");

        Assert.True(a.Length <= 150);
        Assert.NotEqual(a, b);
        Assert.Equal(a, RecordingFileName.Safe(new string('x', 300) + "a"));
    }

    [Fact]
    public async Task A_namespace_with_path_characters_writes_inside_the_recording_directory()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        var recordings = Path.Combine(directory.Path, "recordings");
        using (var scope = Mocket.Enable(new MocketOptions { RecordingDirectory = recordings, Namespace = "../outside/Test(\"a/b\")" }))
        {
            Assert.Equal(Path.Combine(recordings, "_outside_Test(_a_b_).json"), scope.RecordingFile);
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            await Net.ExchangeAsync(stream, "hello");
        }

        Assert.Equal([Path.Combine(recordings, "_outside_Test(_a_b_).json")], Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Parallel_scopes_write_their_own_files()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var scope = Mocket.Enable(RecordReplayTests.Options(directory, $"parallel-{i}"));
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal($"echo:request {i}", await Net.ExchangeAsync(stream, $"request {i}"));
        })));

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal([$"request {i}"], RecordReplayTests.RecordedRequests(directory, $"parallel-{i}"));
        }
    }

    [Fact]
    public async Task Parallel_scopes_sharing_a_namespace_merge_their_exchanges_into_one_file()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var scope = Mocket.Enable(RecordReplayTests.Options(directory, "shared"));
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            await Net.ExchangeAsync(stream, $"request {i}");
        })));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"request {i}"), RecordReplayTests.RecordedRequests(directory, "shared"));
        Assert.Single(Directory.GetFiles(directory.Path));
    }
}
