using MocketNet.Tests.Support;

namespace MocketNet.Tests.Recording;

public class RecordingFileErrorTests
{
    [Theory]
    [InlineData("{\"a\": ", "is not valid JSON (line 1")]
    [InlineData("[1, 2]", "$: the top level should be a JSON object but is an array")]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"request\": \"x\"}}}}", "$[\"h\"][\"80\"][\"sig\"] has no \"response\"")]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"response\": \"41\"}}}}", "$[\"h\"][\"80\"][\"sig\"] has no \"request\"")]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"request\": \"x\", \"response\": \"4G\"}}}}", "$[\"h\"][\"80\"][\"sig\"].response is not hex: character 'G' at position 1")]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"request\": \"x\", \"response\": \"414\"}}}}", "odd number of hex digits (3)")]
    [InlineData("{\"h\": {\"http\": {}}}", "$[\"h\"][\"http\"]: the port \"http\" is not a number in 1..65535")]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"request\": 1, \"response\": \"41\"}}}}", ".request should be a string but is a number")]
    [InlineData("{\"h\": {\"80\": []}}", "port \"80\" of host \"h\" should be a JSON object but is an array")]
    public void A_corrupt_file_fails_the_scope_with_an_error_naming_the_file_and_the_problem_and_is_left_untouched(string content, string problem)
    {
        using var directory = new TempDirectory();
        var path = directory.File("corrupt.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<MocketRecordingException>(() =>
            Mocket.Enable(new MocketOptions { RecordingDirectory = directory.Path, Namespace = "corrupt" }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("leaves the file untouched", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(content, File.ReadAllText(path));
        Assert.Null(MocketNet.Scopes.MocketScopes.Ambient); // no half-open scope was left behind
    }

    [Theory]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"request\": \"ca\xFF\", \"response\": \"\"}}}}", "$[\"h\"][\"80\"][\"sig\"].request is not text")]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"request\": \"a\\ud800\", \"response\": \"\"}}}}", "$[\"h\"][\"80\"][\"sig\"].request is not text")]
    [InlineData("{\"h\": {\"80\": {\"sig\": {\"request\": \"a\", \"response\": \"\", \"response_text\": \"\\udc00\"}}}}", ".response_text is not text")]
    [InlineData("{\"h\xC3\": {}}", "a name in $ is not text")]
    [InlineData("{\"h\": {\"8\\udc000\": {}}}", "a name in $[\"h\"] is not text")]
    [InlineData("{\"h\": {\"80\": {\"\xE2\x82\": {}}}}", "a name in $[\"h\"][\"80\"] is not text")]
    public void A_file_whose_strings_are_not_text_is_corrupt_not_an_InvalidOperationException(string content, string problem)
    {
        // Found by fuzz/run recording: JsonDocument checks a string's UTF-8 (and escaped surrogates) only when it is read.
        // Each char of content stands for one byte of the file (\xFF is the byte 0xFF).
        using var directory = new TempDirectory();
        var path = directory.File("bytes.json");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(content));

        var error = Assert.Throws<MocketRecordingException>(() =>
            Mocket.Enable(new MocketOptions { RecordingDirectory = directory.Path, Namespace = "bytes" }));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Null(MocketNet.Scopes.MocketScopes.Ambient);
    }

    [Fact]
    public void An_unreadable_file_fails_the_scope_with_an_error_naming_it()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("unreadable.json")); // a directory where the file should be

        var error = Assert.Throws<MocketRecordingException>(() =>
            Mocket.Enable(new MocketOptions { RecordingDirectory = directory.Path, Namespace = "unreadable" }));

        Assert.Contains($"could not read the recording file {directory.File("unreadable.json")}: It is a directory", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(directory.File("unreadable.json")));
    }

    [Fact]
    public async Task A_file_corrupted_while_the_scope_was_open_is_not_overwritten_when_it_closes()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        var scope = Mocket.Enable(RecordReplayTests.Options(directory));
        await using (var stream = Mocket.Connect("127.0.0.1", server.Port))
        {
            await Net.ExchangeAsync(stream, "hello");
        }

        File.WriteAllText(directory.File("test.json"), "not json");
        var error = Assert.Throws<MocketRecordingException>(() => scope.Close());

        Assert.Contains("is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal("not json", File.ReadAllText(directory.File("test.json")));
        Assert.True(scope.IsClosed);
    }

    [Fact]
    public async Task A_file_saved_with_a_byte_order_mark_by_an_editor_still_loads()
    {
        using var directory = new TempDirectory();
        var signature = MocketNet.Recording.RecordingSignature.Of("hi"u8);
        File.WriteAllText(directory.File("bom.json"), $"{{\"bom.test\": {{\"1\": {{\"{signature}\": {{\"request\": \"hi\", \"response\": \"6F 6B\"}}}}}}}}", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        using var scope = Mocket.Enable(new MocketOptions { RecordingDirectory = directory.Path, Namespace = "bom", RecordMode = MocketRecordMode.None });
        await using var stream = Mocket.Connect("bom.test", 1);
        Assert.Equal("ok", await Net.ExchangeAsync(stream, "hi"));
    }

    [Fact]
    public void An_empty_recording_directory_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Mocket.Enable(new MocketOptions { RecordingDirectory = " " }));
        Assert.Contains("RecordingDirectory is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_directory_is_created_when_the_first_exchange_is_saved()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        var nested = Path.Combine(directory.Path, "a", "b");
        using (Mocket.Enable(new MocketOptions { RecordingDirectory = nested }))
        {
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            await Net.ExchangeAsync(stream, "hello");
        }

        Assert.True(File.Exists(Path.Combine(nested, "mocket.json")));
    }
}
