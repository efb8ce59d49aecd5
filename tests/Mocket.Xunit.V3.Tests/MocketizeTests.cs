using MocketNet.Tests.Shared;
using Xunit;

namespace MocketNet.Xunit.V3.Tests;

public class MocketizeTests
{
    [Fact]
    [Mocketize]
    public void A_sync_test_gets_its_own_scope()
    {
        Assert.True(Mocket.IsEnabled);
        Mocket.Register(new MocketEntry("sync.test", 25, "250 ok"));
        using var stream = Mocket.Connect("sync.test", 25);

        Assert.Equal("250 ok", Wire.Exchange(stream, "NOOP"));
        Mocket.AssertLastRequest(r => r.Port == 25);
    }

    [Fact]
    [Mocketize(Strict = true)]
    public async Task An_async_test_gets_its_own_strict_scope()
    {
        Assert.True(Mocket.CurrentScope.Options.Strict);
        Mocket.Register(new MocketEntry("async.test", 25, "250 ok"));
        await using var stream = Mocket.Connect("async.test", 25);

        Assert.Equal("250 ok", await Wire.ExchangeAsync(stream, "NOOP"));
        Assert.Single(Mocket.Requests);
    }

    [Theory]
    [InlineData("one")]
    [InlineData("two")]
    [Mocketize(AssertAllEntriesServed = true)]
    public async Task Each_data_row_gets_a_fresh_scope(string row)
    {
        Assert.Empty(Mocket.CurrentScope.Entries);
        Mocket.Register(new MocketEntry("row.test", 1, row));
        await using var stream = Mocket.Connect("row.test", 1);
        Assert.Equal(row, await Wire.ExchangeAsync(stream, "hi"));
    }

    [Fact]
    [Mocketize(RecordingDirectory = "recordings")]
    public void The_recording_namespace_defaults_to_the_tests_class_and_method()
    {
        Assert.Equal(
            "MocketNet.Xunit.V3.Tests.MocketizeTests.The_recording_namespace_defaults_to_the_tests_class_and_method",
            Mocket.CurrentScope.Options.Namespace);
    }
}
