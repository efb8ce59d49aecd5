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
    public async Task Typed_AssertLastRequest_says_when_the_last_request_has_another_type()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("log.test", 25, "ok"));
        await using var stream = Mocket.Connect("log.test", 25);
        await Net.ExchangeAsync(stream, "QUIT");

        var error = Assert.Throws<MocketAssertionException>(() => Mocket.AssertLastRequest<SpecialRequest>(r => r.Special));
        Assert.Contains("SpecialRequest", error.Message, StringComparison.Ordinal);
        Assert.Contains("it is a MocketRequest", error.Message, StringComparison.Ordinal);
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
