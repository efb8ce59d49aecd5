using System.Text;
using MocketNet.Protocols;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Protocols;

public class ProtocolExtensionTests
{
    [Fact]
    public async Task A_pack_protocol_cuts_requests_across_writes_and_answers_pipelined_ones_in_order()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(
            new LineProtocol.LineEntry("line.test", 1, "GET a", "A"),
            new LineProtocol.LineEntry("line.test", 1, "GET b", "B"));

        await using var stream = Mocket.Connect("line.test", 1);
        stream.Write("GE"u8);
        stream.Write("T a\nGET b\nGE"u8);
        stream.Write("T a\n"u8);

        Assert.Equal("A\nB\nA\n", await ReadLinesAsync(stream, 3));
        Assert.Equal(["GET a", "GET b", "GET a"], scope.Requests.Cast<LineProtocol.LineRequest>().Select(r => r.Line));
        Assert.Equal("GET b\n", Encoding.UTF8.GetString(scope.Requests[1].Data.Span));
    }

    [Fact]
    public async Task Every_split_point_of_the_input_gives_the_same_requests()
    {
        var input = "GET a\nGET b\n"u8.ToArray();
        for (var split = 0; split <= input.Length; split++)
        {
            using var scope = Mocket.Enable();
            Mocket.Register(new LineProtocol.LineEntry("line.test", 1, "GET a", "A"), new LineProtocol.LineEntry("line.test", 1, "GET b", "B"));
            await using var stream = Mocket.Connect("line.test", 1);
            stream.Write(input.AsSpan(0, split));
            stream.Write(input.AsSpan(split));

            Assert.Equal("A\nB\n", await ReadLinesAsync(stream, 2));
        }
    }

    [Fact]
    public async Task Built_in_answers_are_not_logged_and_are_not_violations()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        Mocket.Register(new LineProtocol.LineEntry("line.test", 1, "GET a", "A"));

        await using var stream = Mocket.Connect("line.test", 1);
        stream.Write("PING\nGET a\n"u8);

        Assert.Equal("PONG\nA\n", await ReadLinesAsync(stream, 2));
        Assert.Equal("GET a", ((LineProtocol.LineRequest)Assert.Single(scope.Requests)).Line);
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task A_pack_can_refuse_in_its_own_words_and_the_violation_explains_the_mismatch()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        Mocket.Register(new LineProtocol.LineEntry("line.test", 1, "GET a", "A"));

        await using var stream = Mocket.Connect("line.test", 1);
        stream.Write("GET z\nGET a\n"u8);

        Assert.Equal("-ERR no entry\nA\n", await ReadLinesAsync(stream, 2));
        var violation = Assert.Single(scope.Close(throwOnViolations: false));
        Assert.Equal("GET z", violation.SentData);
        Assert.Contains("expected line \"GET a\", got \"GET z\"", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_input_gets_the_protocols_error_is_recorded_and_leaves_the_scope_usable()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new LineProtocol.LineEntry("line.test", 1, "GET a", "A"));

        await using (var stream = Mocket.Connect("line.test", 1))
        {
            stream.Write("GET \u0001\n"u8);
            Assert.Equal("-ERR malformed\n", await Net.ReadSomeAsync(stream));
            Assert.Equal(0, await Net.ReadToEndCountAsync(stream));
        }

        Assert.IsType<MocketProtocolException>(Assert.Single(scope.Errors));
        await using var again = Mocket.Connect("line.test", 1);
        again.Write("GET a\n"u8);
        Assert.Equal("A\n", await ReadLinesAsync(again, 1));
    }

    [Fact]
    public async Task A_protocol_given_explicitly_is_spoken_even_with_no_entries()
    {
        using var scope = Mocket.Enable();
        await using var stream = MocketServer.For(scope).Connect(new MocketLocation("line.test", 1), LineProtocol.Instance);
        stream.Write("PING\n"u8);
        Assert.Equal("PONG\n", await ReadLinesAsync(stream, 1));
    }

    private static async Task<string> ReadLinesAsync(Stream stream, int lines)
    {
        var text = new StringBuilder();
        while (text.ToString().Count(c => c == '\n') < lines)
        {
            text.Append(await Net.ReadSomeAsync(stream));
        }

        return text.ToString();
    }
}
