using MocketNet.Http;
using MocketNet.Redis;
using MocketNet.Tests.Shared;

namespace MocketNet.TUnit.Fixtures;

/// <summary>Tests meant to pass: a scope per test, sync and async, data rows, real clients of the packs.</summary>
public class MocketizeTests
{
    [Test]
    [Mocketize]
    public async Task A_sync_test_gets_its_own_scope()
    {
        await Assert.That(Mocket.IsEnabled).IsTrue();
        Mocket.Register(new MocketEntry("sync.test", 25, "250 ok"));
        using var stream = Mocket.Connect("sync.test", 25);
        await Assert.That(Wire.Exchange(stream, "NOOP")).IsEqualTo("250 ok");
        Mocket.AssertLastRequest(r => r.Port == 25);
    }

    [Test]
    [Arguments("one")]
    [Arguments("two")]
    [Mocketize(AssertAllEntriesServed = true)]
    public async Task Each_data_row_gets_a_fresh_scope(string row)
    {
        await Assert.That(Mocket.CurrentScope.Entries.Count).IsEqualTo(0);
        Mocket.Register(new MocketEntry("row.test", 1, row));
        await using var stream = Mocket.Connect("row.test", 1);
        await Assert.That(await Wire.ExchangeAsync(stream, "hi")).IsEqualTo(row);
    }

    [Test]
    [Arguments("one")]
    [Mocketize(RecordingDirectory = "recordings")]
    public async Task The_recording_namespace_is_the_tests_class_method_and_row(string row) =>
        await Assert.That(Mocket.CurrentScope.Options.Namespace)
            .IsEqualTo($"MocketNet.TUnit.Fixtures.MocketizeTests.The_recording_namespace_is_the_tests_class_method_and_row({row})");

    [Test]
    [Mocketize(Strict = true, AssertAllEntriesServed = true)]
    public async Task StackExchange_Redis_is_served_by_the_tests_own_scope()
    {
        MockRedis.Register("GET greeting", "hello from TUnit");
        using var redis = await MockRedis.ConnectAsync();
        await Assert.That((string?)await redis.GetDatabase().StringGetAsync("greeting")).IsEqualTo("hello from TUnit");
        Mocket.AssertLastRequest<RedisMockRequest>(r => r.Command == "GET");
    }

    [Test]
    [Mocketize(Strict = true)]
    public async Task A_plain_HttpClient_is_served_over_https_by_the_tests_own_scope()
    {
        MockHttp.SingleRegister("GET", "https://api.test/users/1", body: "{\"id\": 1}");
        using var client = new HttpClient();
        await Assert.That(await client.GetStringAsync(new Uri("https://api.test/users/1"))).IsEqualTo("{\"id\": 1}");
        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == "GET" && r.Path == "/users/1" && r.Port == 443);
    }
}

/// <summary>A hook's entries land in the test's scope: the scope opens before [Before(Test)] hooks and closes after [After(Test)] ones.</summary>
[Mocketize(Strict = true, AssertAllEntriesServed = true)]
public class HookTests
{
    [Before(Test)]
    public void RegisterInAHook() => Mocket.Register(new MocketEntry("hook.test", 7, "from the hook"));

    [After(Test)]
    public void AssertInAHook() => Mocket.AssertLastRequest(r => r.Host == "hook.test");

    [Test]
    public async Task Entries_registered_in_a_Before_hook_serve_the_test()
    {
        await using var stream = Mocket.Connect("hook.test", 7);
        await Assert.That(await Wire.ExchangeAsync(stream, "hi")).IsEqualTo("from the hook");
    }
}

[Mocketize(Strict = true, AllowedHosts = ["allowed.test"])]
public class ClassLevelTests
{
    [Test]
    public async Task Every_test_in_the_class_gets_the_class_settings()
    {
        await Assert.That(Mocket.CurrentScope.Options.Strict).IsTrue();
        await Assert.That(Mocket.CurrentScope.Options.AllowedHosts).IsEquivalentTo(["allowed.test"]);
    }

    [Test]
    [Mocketize]
    public async Task A_method_attribute_merges_with_the_class_and_assembly_ones_and_opens_one_scope_only()
    {
        await Assert.That(Mocket.CurrentScope.Options.Strict).IsTrue();
        var parent = typeof(MocketScope).GetProperty("Parent", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(Mocket.CurrentScope);
        await Assert.That(parent).IsNull();
    }

    [Test]
    [Mocketize(Strict = false)]
    public async Task A_method_attribute_s_explicit_settings_win() => await Assert.That(Mocket.CurrentScope.Options.Strict).IsFalse();

    [Test]
    public async Task A_test_with_no_attribute_of_its_own_is_strict_by_the_assembly_default() =>
        await Assert.That(Mocket.CurrentScope.Options.Strict).IsTrue();
}
