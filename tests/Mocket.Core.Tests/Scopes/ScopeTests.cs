using MocketNet.Tests.Support;

namespace MocketNet.Tests.Scopes;

public class ScopeTests
{
    [Fact]
    public void Enable_opens_a_scope_that_is_current_for_the_flow_until_it_is_disposed()
    {
        var scope = Mocket.Enable();
        Assert.True(Mocket.IsEnabled);
        Assert.Same(scope, Mocket.CurrentScope);
        Mocket.Register(new MocketEntry("a.test", 1, "x"));
        Assert.Single(scope.Entries);

        scope.Dispose();

        Assert.True(scope.IsClosed);
    }

    [Fact]
    public async Task A_second_Enable_on_a_flow_nests_and_closing_it_makes_the_outer_scope_current_again()
    {
        await using var outer = Mocket.Enable();
        Mocket.Register(new MocketEntry("outer.test", 1, "outer"));

        using (var inner = Mocket.Enable())
        {
            Assert.Same(inner, Mocket.CurrentScope);
            Assert.Empty(Mocket.CurrentScope.Entries);
        }

        Assert.Same(outer, Mocket.CurrentScope);
        Assert.Single(Mocket.CurrentScope.Entries);
    }

    [Fact]
    public async Task The_scope_flows_into_awaited_and_started_work()
    {
        using var scope = Mocket.Enable();

        var seen = await Task.Run(async () =>
        {
            await Task.Yield();
            return Mocket.CurrentScope;
        });

        Assert.Same(scope, seen);
    }

    [Fact]
    public async Task Two_concurrent_flows_see_only_their_own_entries_requests_and_violations()
    {
        using var barrier = new Barrier(2);

        async Task<(string Reply, int Requests, int Violations)> FlowAsync(string name)
        {
            await Task.Yield();
            using var scope = Mocket.Enable(new MocketOptions { Strict = true });
            Mocket.Register(new MocketEntry("shared.test", 80, $"answer from {name}"));

            // Both scopes are open at once from here on: the flows provably overlap.
            Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(20)));
            await using var stream = Mocket.Connect("shared.test", 80);
            var reply = await Net.ExchangeAsync(stream, $"hello from {name}");
            Assert.Throws<StrictMocketException>(() => Mocket.Connect($"{name}.unregistered.test", 80));
            Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(20)));

            var requests = scope.Requests;
            Assert.All(requests, r => Assert.Equal($"hello from {name}", System.Text.Encoding.UTF8.GetString(r.Data.Span)));
            var violations = scope.Close(throwOnViolations: false);
            Assert.All(violations, v => Assert.Contains(name, v.Address, StringComparison.Ordinal));
            return (reply, requests.Count, violations.Count);
        }

        var results = await Task.WhenAll(
            Task.Run(() => FlowAsync("one")),
            Task.Run(() => FlowAsync("two")));

        Assert.Equal(("answer from one", 1, 1), results[0]);
        Assert.Equal(("answer from two", 1, 1), results[1]);
    }

    [Fact]
    public void AllowedHosts_without_Strict_is_an_ArgumentException_at_Enable()
    {
        var error = Assert.Throws<ArgumentException>(() => Mocket.Enable(new MocketOptions { AllowedHosts = { "localhost" } }));
        Assert.Contains("Strict = true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:abc")]
    [InlineData(" ")]
    public void A_malformed_allowed_host_is_an_ArgumentException_naming_it(string item)
    {
        var error = Assert.Throws<ArgumentException>(() => Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { item } }));
        Assert.Contains("host:port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_scope_refuses_registration_connections_and_listeners_with_ObjectDisposedException()
    {
        var scope = Mocket.Enable();
        scope.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => scope.Register(new MocketEntry("a.test", 1, "x")));
        Assert.Contains("Mocket.Enable()", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => scope.Connect("a.test", 1));
        Assert.Throws<ObjectDisposedException>(() => scope.Listen("a.test", 1));
        Assert.Throws<ObjectDisposedException>(scope.Reset);
    }

    [Fact]
    public void Disposing_a_scope_twice_is_harmless()
    {
        var scope = Mocket.Enable();
        scope.Dispose();
        scope.Dispose();
        Assert.True(scope.IsClosed);
    }

    [Fact]
    public void Options_are_copied_when_the_scope_opens()
    {
        var options = new MocketOptions { Strict = true, AllowedHosts = { "a.test" } };
        using var scope = Mocket.Enable(options);
        options.Strict = false;
        options.AllowedHosts.Add("b.test");

        Assert.True(scope.Options.Strict);
        Assert.Equal(["a.test"], scope.Options.AllowedHosts);
    }
}
