using System.Buffers;
using System.Text;
using MocketNet.Redis.Protocol;
using MocketNet.Redis.Tests.Codec;
using MocketNet.Tests.Shared;

namespace MocketNet.Redis.Tests.Recording;

/// <summary>Pass-through framing: the real server's reply to one command is cut exactly, whatever the chunking.</summary>
public class UpstreamReplyTests
{
    private static RedisMockRequest Request() =>
        new("127.0.0.1", 6379, "*2\r\n$3\r\nGET\r\n$1\r\na\r\n"u8.ToArray(), "GET", ["a"u8.ToArray()]);

    public static TheoryData<string> Nested => new()
    {
        "*3\r\n%1\r\n+k\r\n*2\r\n~1\r\n#f\r\n>1\r\n_\r\n$-1\r\n|1\r\n+a\r\n:1\r\n*1\r\n=8\r\ntxt:a\r\nb\r\n",
        "*2\r\n*2\r\n*0\r\n*-1\r\n$4\r\n*1\r\n\r\n",
    };

    [Theory]
    [MemberData(nameof(RespDecodeTests.EveryType), MemberType = typeof(RespDecodeTests))]
    public void Exactly_one_whole_reply_of_every_type_is_cut_at_every_split_point(string wire, string description)
    {
        _ = description;
        AssertCutsExactly(wire, default);
    }

    [Theory]
    [MemberData(nameof(Nested))]
    public void Nested_aggregates_are_cut_whole_at_every_split_point(string wire) => AssertCutsExactly(wire, default);

    [Fact]
    public void The_replies_to_the_carried_state_are_skipped_and_only_the_commands_reply_is_kept()
    {
        var state = new UpstreamState(3, null, "pw"u8.ToArray(), 2);
        var prefix = "%1\r\n+server\r\n+redis\r\n+OK\r\n";

        AssertCutsExactly("$3\r\nbar\r\n", state, prefix);
        Assert.Equal(
            "*5\r\n$5\r\nHELLO\r\n$1\r\n3\r\n$4\r\nAUTH\r\n$7\r\ndefault\r\n$2\r\npw\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n",
            Encoding.UTF8.GetString(state.Request(Request().Data).Span));
    }

    [Fact]
    public void The_default_state_sends_the_command_alone()
    {
        var request = Request();
        var state = default(UpstreamState);
        Assert.True(state.IsDefault);
        Assert.True(state.Request(request.Data).Span.SequenceEqual(request.Data.Span));
    }

    [Fact]
    public void A_refused_password_fails_the_pass_through_with_the_servers_error()
    {
        var buffer = new ReadOnlySequence<byte>("-WRONGPASS invalid username-password pair\r\n-NOAUTH Authentication required.\r\n"u8.ToArray());

        var error = Assert.Throws<IOException>(() => UpstreamReplies.TryRead(ref buffer, Request(), new UpstreamState(2, null, "bad"u8.ToArray(), 0), out _));

        Assert.Contains("AUTH: -WRONGPASS invalid username-password pair", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:6379", error.Message, StringComparison.Ordinal);
    }

    private static void AssertCutsExactly(string reply, UpstreamState state, string prefix = "")
    {
        var whole = Encoding.UTF8.GetBytes(prefix + reply);
        var data = Encoding.UTF8.GetBytes(prefix + reply + "+next\r\n");
        for (var length = 0; length < whole.Length; length++)
        {
            var partial = Segments.Split(data[..length], length / 2);
            Assert.False(UpstreamReplies.TryRead(ref partial, Request(), state, out _), $"a reply cut after {length} bytes");
            Assert.Equal(length, partial.Length);
        }

        for (var cut = 0; cut <= data.Length; cut++)
        {
            var buffer = Segments.Split(data, cut);
            Assert.True(UpstreamReplies.TryRead(ref buffer, Request(), state, out var response), $"split at {cut}");
            Assert.Equal(reply, Encoding.UTF8.GetString(response.ToArray()));
            Assert.Equal("+next\r\n", Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }
}
