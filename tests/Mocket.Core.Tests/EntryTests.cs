using System.Text;
using MocketNet.Tests.Support;

namespace MocketNet.Tests;

public class EntryTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_host_is_an_ArgumentException(string host)
    {
        var error = Assert.Throws<ArgumentException>(() => new MocketEntry(host, 80, "x"));
        Assert.Contains("host", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_outside_1_to_65535_is_an_ArgumentOutOfRangeException(int port)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MocketEntry("a.test", port, "x"));
        Assert.Contains("1..65535", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_of_another_protocol_is_an_ArgumentException_naming_the_type_and_the_alternatives()
    {
        var error = Assert.Throws<ArgumentException>(() => new MocketEntry("a.test", 80, "ok", new Protocols.LineProtocol.LineResponse("no")));
        Assert.Contains("Response #2", error.Message, StringComparison.Ordinal);
        Assert.Contains("LineResponse", error.Message, StringComparison.Ordinal);
        Assert.Contains("MockHttp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_without_responses_is_an_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new MocketEntry("a.test", 80));
    }

    [Fact]
    public void Hosts_are_compared_case_insensitively_and_IPv6_brackets_are_optional()
    {
        Assert.Equal(new MocketLocation("API.Test", 80), new MocketEntry("api.test", 80, "x").Location);
        Assert.Equal("::1", new MocketEntry("[::1]", 80, "x").Host);
        Assert.Equal("[::1]:80", new MocketLocation("::1", 80).ToString());
    }

    [Fact]
    public async Task Responses_are_served_in_order_and_the_last_one_repeats()
    {
        using var scope = Mocket.Enable();
        var entry = new MocketEntry("seq.test", 9, "first", Encoding.UTF8.GetBytes("second"), "last");
        Mocket.Register(entry);
        Assert.False(entry.Served);

        await using var stream = Mocket.Connect("seq.test", 9);
        var replies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await Net.ExchangeAsync(stream, $"request {i}"));
        }

        Assert.Equal(["first", "second", "last", "last", "last"], replies);
        Assert.True(entry.Served);
        Assert.Equal(5, entry.ServedCount);
    }

    [Fact]
    public async Task The_first_entry_at_a_location_whose_CanHandle_is_true_answers()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(
            new PrefixEntry("multi.test", 1, "A", "from A"),
            new PrefixEntry("multi.test", 1, "B", "from B"),
            new MocketEntry("multi.test", 1, "catch-all"),
            new MocketEntry("multi.test", 1, "never"));

        await using var stream = Mocket.Connect("multi.test", 1);
        Assert.Equal("from B", await Net.ExchangeAsync(stream, "B..."));
        Assert.Equal("from A", await Net.ExchangeAsync(stream, "A..."));
        Assert.Equal("catch-all", await Net.ExchangeAsync(stream, "C..."));
        Assert.False(scope.Entries[3].Served);
    }

    private sealed class PrefixEntry(string host, int port, string prefix, string response) : MocketEntry(host, port, response)
    {
        public override bool CanHandle(MocketRequest request) =>
            Encoding.UTF8.GetString(request.Data.Span).StartsWith(prefix, StringComparison.Ordinal);
    }
}
