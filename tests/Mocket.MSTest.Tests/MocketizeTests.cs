using Microsoft.VisualStudio.TestTools.UnitTesting;
using MocketNet.Tests.Shared;

[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.MethodLevel)]

namespace MocketNet.MSTest.Tests;

[TestClass]
public class MocketizeTests
{
    [Mocketize]
    public void A_sync_test_gets_its_own_scope()
    {
        Assert.IsTrue(Mocket.IsEnabled);
        Mocket.Register(new MocketEntry("sync.test", 25, "250 ok"));
        using var stream = Mocket.Connect("sync.test", 25);

        Assert.AreEqual("250 ok", Wire.Exchange(stream, "NOOP"));
        Mocket.AssertLastRequest(r => r.Port == 25);
    }

    [Mocketize(Strict = true)]
    public async Task An_async_test_gets_its_own_strict_scope()
    {
        Assert.IsTrue(Mocket.CurrentScope.Options.Strict);
        Mocket.Register(new MocketEntry("async.test", 25, "250 ok"));
        await using var stream = Mocket.Connect("async.test", 25);

        Assert.AreEqual("250 ok", await Wire.ExchangeAsync(stream, "NOOP"));
        Assert.HasCount(1, Mocket.Requests);
    }

    [Mocketize(AssertAllEntriesServed = true)]
    [DataRow("one")]
    [DataRow("two")]
    public async Task Each_data_row_gets_a_fresh_scope(string row)
    {
        Assert.IsEmpty(Mocket.CurrentScope.Entries);
        Mocket.Register(new MocketEntry("row.test", 1, row));
        await using var stream = Mocket.Connect("row.test", 1);
        Assert.AreEqual(row, await Wire.ExchangeAsync(stream, "hi"));
    }

    [Mocketize(RecordingDirectory = "recordings")]
    [DataRow(7, "a/b")]
    public void The_recording_namespace_is_the_tests_full_name_with_its_data_row(int number, string text)
    {
        Assert.AreEqual(
            "MocketNet.MSTest.Tests.MocketizeTests.The_recording_namespace_is_the_tests_full_name_with_its_data_row(7,a/b)",
            Mocket.CurrentScope.Options.Namespace,
            $"{number} {text}");
        Assert.AreEqual(
            "MocketNet.MSTest.Tests.MocketizeTests.The_recording_namespace_is_the_tests_full_name_with_its_data_row(7,a_b).json",
            Path.GetFileName(Mocket.CurrentScope.RecordingFile));
    }
}
