using MocketNet.Tests.Support;

namespace MocketNet.Tests.Recording;

/// <summary>Changes a process-wide environment variable, so it runs alone.</summary>
[Collection(SerialTests.Name)]
public class RecordModeEnvironmentTests
{
    [Fact]
    public async Task MOCKET_RECORD_MODE_none_makes_a_recording_scope_replay_only()
    {
        using var directory = new TempDirectory();
        using var server = new LoopbackEchoServer();
        await RecordReplayTests.RecordAsync(directory, server, "hello");

        Environment.SetEnvironmentVariable("MOCKET_RECORD_MODE", "none");
        try
        {
            using var scope = Mocket.Enable(RecordReplayTests.Options(directory, mode: MocketRecordMode.All));
            Assert.Equal(MocketRecordMode.None, scope.RecordMode);
            await using var stream = Mocket.Connect("127.0.0.1", server.Port);
            Assert.Equal("echo:hello", await Net.ExchangeAsync(stream, "hello"));
            var error = await Assert.ThrowsAsync<IOException>(() => Net.ExchangeAsync(stream, "missing"));
            Assert.IsType<MocketRecordingException>(error.InnerException);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MOCKET_RECORD_MODE", null);
        }

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void An_invalid_MOCKET_RECORD_MODE_fails_the_scope_when_it_opens()
    {
        using var directory = new TempDirectory();
        Environment.SetEnvironmentVariable("MOCKET_RECORD_MODE", "sometimes");
        try
        {
            var error = Assert.Throws<MocketRecordingException>(() => Mocket.Enable(RecordReplayTests.Options(directory)));
            Assert.Contains("MOCKET_RECORD_MODE", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MOCKET_RECORD_MODE", null);
        }
    }
}
