using MocketNet.Tests.Shared;
using NUnit.Framework;

namespace MocketNet.NUnit.Tests;

public class MocketizeTests
{
    [Test]
    [Mocketize]
    public void A_sync_test_gets_its_own_scope()
    {
        Assert.That(Mocket.IsEnabled, Is.True);
        Mocket.Register(new MocketEntry("sync.test", 25, "250 ok"));
        using var stream = Mocket.Connect("sync.test", 25);

        Assert.That(Wire.Exchange(stream, "NOOP"), Is.EqualTo("250 ok"));
        Mocket.AssertLastRequest(r => r.Port == 25);
    }

    [Test]
    [Mocketize(Strict = true)]
    public async Task An_async_test_gets_its_own_strict_scope()
    {
        Assert.That(Mocket.CurrentScope.Options.Strict, Is.True);
        Mocket.Register(new MocketEntry("async.test", 25, "250 ok"));
        await using var stream = Mocket.Connect("async.test", 25);

        Assert.That(await Wire.ExchangeAsync(stream, "NOOP"), Is.EqualTo("250 ok"));
        Assert.That(Mocket.Requests, Has.Count.EqualTo(1));
    }

    [TestCase("one")]
    [TestCase("two")]
    [Mocketize(AssertAllEntriesServed = true)]
    public async Task Each_data_row_gets_a_fresh_scope(string row)
    {
        Assert.That(Mocket.CurrentScope.Entries, Is.Empty);
        Mocket.Register(new MocketEntry("row.test", 1, row));
        await using var stream = Mocket.Connect("row.test", 1);
        Assert.That(await Wire.ExchangeAsync(stream, "hi"), Is.EqualTo(row));
    }

    [Test]
    [Mocketize(Strict = true, RecordingDirectory = "recordings")]
    public void The_recording_namespace_defaults_to_the_tests_full_name()
    {
        Assert.That(Mocket.CurrentScope.Options.Namespace,
            Is.EqualTo("MocketNet.NUnit.Tests.MocketizeTests.The_recording_namespace_defaults_to_the_tests_full_name"));

        // A relative directory starts next to the test's source, also in deterministic CI builds (paths mapped to /_/).
        var directory = Mocket.CurrentScope.Options.RecordingDirectory!;
        Assert.That(Path.IsPathRooted(directory), Is.True, directory);
        Assert.That(directory.Replace('\\', '/'), Does.EndWith("tests/Mocket.NUnit.Tests/recordings"));
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(directory)!, "MocketizeTests.cs")), Is.True, directory);
    }

    [TestCase(7, "a/b")]
    [Mocketize(RecordingDirectory = "recordings")]
    public void A_data_row_records_to_its_own_file_safe_name(int number, string text)
    {
        Assert.That(Mocket.CurrentScope.Options.Namespace,
            Is.EqualTo("MocketNet.NUnit.Tests.MocketizeTests.A_data_row_records_to_its_own_file_safe_name(7,\"a/b\")"), $"{number} {text}");
        Assert.That(Path.GetFileName(Mocket.CurrentScope.RecordingFile),
            Is.EqualTo("MocketNet.NUnit.Tests.MocketizeTests.A_data_row_records_to_its_own_file_safe_name(7,_a_b_).json"));
    }
}
