using MocketNet.Tests.Support;

namespace MocketNet.Tests;

public class StrictModeTests
{
    [Fact]
    public async Task An_unmatched_request_is_refused_with_the_address_the_first_line_and_every_registered_entry()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        Mocket.Register(
            new NeverEntry("httpbin.local", 80, "only POST"),
            new MocketEntry("other.local", 6379, "+OK\r\n"));

        await using var stream = Mocket.Connect("httpbin.local", 80);
        var error = await Assert.ThrowsAsync<IOException>(() => Net.ExchangeAsync(stream, "GET /ip HTTP/1.1\r\nHost: httpbin.local\r\n\r\n"));

        var strict = Assert.IsType<StrictMocketException>(error.InnerException);
        Assert.StartsWith(
            """
            Refused by the strict Mocket scope: no entry matches this request.
            Attempted address: httpbin.local:80
            Sent data: GET /ip HTTP/1.1
            Registered entries:
              ('httpbin.local', 80):
                NeverEntry(only POST)
                  did not match: it only answers POST
              ('other.local', 6379):
                MocketEntry(location=('other.local', 6379), responses=1)
            """.ReplaceLineEndings() + Environment.NewLine,
            strict.Message,
            StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", strict.Message, StringComparison.Ordinal);

        var closing = Assert.Throws<StrictMocketException>(scope.Dispose);
        Assert.Contains("1 violation", closing.Message, StringComparison.Ordinal);
        Assert.Contains("Attempted address: httpbin.local:80", closing.Message, StringComparison.Ordinal);
        Assert.Equal(MocketViolationKind.UnmatchedRequest, Assert.Single(closing.Violations).Kind);
    }

    [Fact]
    public void The_sent_data_line_is_cut_at_200_characters()
    {
        var request = new MocketRequest("a.test", 1, System.Text.Encoding.ASCII.GetBytes(new string('x', 500) + "\r\nrest"));
        Assert.Equal(200, request.FirstLine.Length);
    }

    [Fact]
    public void Connect_to_an_unregistered_location_in_a_strict_scope_is_refused_and_recorded()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        Mocket.Register(new MocketEntry("known.test", 1, "x"));

        var error = Assert.Throws<StrictMocketException>(() => Mocket.Connect("unknown.test", 2));

        Assert.Contains("Attempted address: unknown.test:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("('known.test', 1)", error.Message, StringComparison.Ordinal);
        Assert.Equal(MocketViolationKind.UnregisteredLocation, Assert.Single(scope.Close(throwOnViolations: false)).Kind);
    }

    [Fact]
    public async Task The_scope_stays_usable_after_a_refusal()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        Mocket.Register(new MocketEntry("known.test", 1, "still here"));
        Assert.Throws<StrictMocketException>(() => Mocket.Connect("unknown.test", 2));

        await using var stream = Mocket.Connect("known.test", 1);
        Assert.Equal("still here", await Net.ExchangeAsync(stream, "hi"));
        scope.Close(throwOnViolations: false);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:{port}")]
    public async Task Allowed_hosts_by_host_or_by_host_and_port_pass_through_to_the_real_server(string allowed)
    {
        using var server = new LoopbackEchoServer();
        using var scope = Mocket.Enable(new MocketOptions
        {
            Strict = true,
            AllowedHosts = { allowed.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) },
        });

        await using var stream = Mocket.Connect("127.0.0.1", server.Port);
        Assert.Equal("echo:allowed", await Net.ExchangeAsync(stream, "allowed"));
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task An_allowed_host_with_another_port_is_still_refused()
    {
        using var server = new LoopbackEchoServer();
        var scope = Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1:1" } });

        Assert.Throws<StrictMocketException>(() => Mocket.Connect("127.0.0.1", server.Port));
        Assert.Single(scope.Close(throwOnViolations: false));
        Assert.Equal(0, server.Connections);
        await Task.CompletedTask;
    }

    private sealed class NeverEntry(string host, int port, string description) : MocketEntry(host, port, "never")
    {
        public override bool CanHandle(MocketRequest request) => false;

        public override string? ExplainMismatch(MocketRequest request) => "it only answers POST";

        public override string ToString() => $"NeverEntry({description})";
    }
}
