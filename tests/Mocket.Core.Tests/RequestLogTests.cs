using System.Text;
using MocketNet.Tests.Support;

namespace MocketNet.Tests;

public class RequestLogTests
{
    [Fact]
    public async Task Each_client_write_is_one_request_with_its_exact_bytes_and_location()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "250 ok"));
        Assert.False(Mocket.HasRequests);
        Assert.Null(Mocket.LastRequest);

        await using var stream = Mocket.Connect("LOG.test", 25);
        await Net.ExchangeAsync(stream, "HELO one");
        await Net.ExchangeAsync(stream, "MAIL FROM:<a@b>");

        Assert.True(Mocket.HasRequests);
        Assert.Equal(["HELO one", "MAIL FROM:<a@b>"], Mocket.Requests.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Equal("log.test", Mocket.LastRequest!.Host);
        Assert.Equal(25, Mocket.LastRequest.Port);
    }

    [Fact]
    public async Task RemoveLastRequest_and_Reset_forget_requests_and_Reset_forgets_entries()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"));
        await using (var stream = Mocket.Connect("log.test", 25))
        {
            await Net.ExchangeAsync(stream, "one");
            await Net.ExchangeAsync(stream, "two");
        }

        Mocket.RemoveLastRequest();
        Assert.Equal("one", Encoding.UTF8.GetString(Mocket.LastRequest!.Data.Span));

        Mocket.Reset();
        Assert.False(Mocket.HasRequests);
        Assert.Empty(scope.Entries);
        Mocket.RemoveLastRequest(); // nothing left: harmless
    }

    [Fact]
    public async Task AssertLastRequest_passes_when_the_predicate_holds()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"));
        await using var stream = Mocket.Connect("log.test", 25);
        await Net.ExchangeAsync(stream, "QUIT");

        Mocket.AssertLastRequest(r => r.Port == 25);
        Mocket.AssertLastRequest<MocketRequest>(r => r.Data.Length == 4);
    }

    [Fact]
    public async Task AssertLastRequest_failure_quotes_the_predicate_and_shows_the_last_request()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"));
        await using var stream = Mocket.Connect("log.test", 25);
        await Net.ExchangeAsync(stream, "QUIT now");

        var error = Assert.Throws<MocketAssertionException>(() => Mocket.AssertLastRequest(r => r.Port == 587));
        Assert.Contains("`r => r.Port == 587`", error.Message, StringComparison.Ordinal);
        Assert.Contains("('log.test', 25)", error.Message, StringComparison.Ordinal);
        Assert.Contains("QUIT now", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_AssertLastRequest_says_when_no_request_of_that_type_was_made_and_lists_the_others()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"));
        await using var stream = Mocket.Connect("log.test", 25);
        await Net.ExchangeAsync(stream, "QUIT");

        var error = Assert.Throws<MocketAssertionException>(() => Mocket.AssertLastRequest<SpecialRequest>(r => r.Special));
        Assert.Contains("no SpecialRequest was made", error.Message, StringComparison.Ordinal);
        Assert.Contains("the 1 request made were of other kinds", error.Message, StringComparison.Ordinal);
        Assert.Contains("('log.test', 25)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertRequested_counts_the_matching_requests_whatever_came_last()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"), new MocketEntry("other.test", 26, "ok"));
        await using (var stream = Mocket.Connect("log.test", 25))
        {
            await Net.ExchangeAsync(stream, "PING");
            await Net.ExchangeAsync(stream, "PING");
        }

        await using (var other = Mocket.Connect("other.test", 26))
        {
            await Net.ExchangeAsync(other, "QUIT");
        }

        Mocket.AssertRequested<MocketRequest>(r => r.Port == 25);
        Mocket.AssertRequested<MocketRequest>(r => r.Port == 25, times: 2);
        Mocket.AssertRequested<MocketRequest>(r => r.Port == 587, times: 0);
        scope.AssertRequested<MocketRequest>(r => r.Port == 26, times: 1);
    }

    [Fact]
    public async Task AssertRequested_failure_says_how_many_matched_and_lists_the_requests_marking_the_matches()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"));
        await using var stream = Mocket.Connect("log.test", 25);
        await Net.ExchangeAsync(stream, "PING");
        await Net.ExchangeAsync(stream, "QUIT");

        var error = Assert.Throws<MocketAssertionException>(() => Mocket.AssertRequested<MocketRequest>(r => r.Data.Length == 4, times: 1));

        Assert.Contains("expected exactly 1 request(s) satisfying `r => r.Data.Length == 4`, but 2 of the 2 request(s) made did", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Message.Split('\n').Count(line => line.StartsWith("  + ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AssertRequested_of_a_type_never_made_says_so_and_counts_the_others()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"));
        await using var stream = Mocket.Connect("log.test", 25);
        await Net.ExchangeAsync(stream, "PING");

        var error = Assert.Throws<MocketAssertionException>(() => Mocket.AssertRequested<SpecialRequest>(r => r.Special));

        Assert.Contains("expected at least one SpecialRequest satisfying `r => r.Special`, but 0 of the 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 request(s) of other kinds not counted", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mocket.AssertRequested<MocketRequest>(r => true, times: -1));
    }

    [Fact]
    public void AssertLastRequest_with_no_request_says_none_was_made()
    {
        using var scope = Mocket.Enable();
        var error = Assert.Throws<MocketAssertionException>(() => Mocket.AssertLastRequest(r => r.Host == "x"));
        Assert.Contains("no request was made", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertAllEntriesServed_names_every_unserved_entry()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(
            new MocketEntry("served.test", 1, "ok"),
            new MocketEntry("idle-one.test", 2, "ok"),
            new MocketEntry("idle-two.test", 3, "ok"));
        await using (var stream = Mocket.Connect("served.test", 1))
        {
            await Net.ExchangeAsync(stream, "hi");
        }

        var error = Assert.Throws<MocketAssertionException>(Mocket.AssertAllEntriesServed);
        Assert.Contains("2 of 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("('idle-one.test', 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("('idle-two.test', 3)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("served.test", error.Message, StringComparison.Ordinal);
    }

    private sealed class SpecialRequest(string host, int port, ReadOnlyMemory<byte> data) : MocketRequest(host, port, data)
    {
        public bool Special => true;
    }
}
