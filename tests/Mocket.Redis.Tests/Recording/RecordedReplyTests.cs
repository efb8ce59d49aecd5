using System.Buffers;
using System.Text;
using MocketNet.Protocols;
using MocketNet.Redis.Codec;
using MocketNet.Redis.Recording;
using MocketNet.Redis.Tests.Codec;
using MocketNet.Redis.Tests.Support;

namespace MocketNet.Redis.Tests.Recording;

/// <summary>Recorded replies: secrets redacted (nothing else touched), and a readable response_text.</summary>
public class RecordedReplyTests
{
    private static readonly MocketRedaction s_named = new(["api-token"]);

    private static string Redacted(string request, string reply, MocketRedaction? redaction = null) =>
        Encoding.UTF8.GetString(RedisRecordingRules.Instance.RecordedResponse(Encoding.UTF8.GetBytes(request + "\r\n"), Encoding.UTF8.GetBytes(reply), redaction ?? s_named).Span);

    [Theory]
    [MemberData(nameof(RespDecodeTests.EveryType), MemberType = typeof(RespDecodeTests))]
    public void Rewriting_a_reply_keeps_every_type_byte_for_byte(string wire, string description)
    {
        _ = description;
        var values = Resp.Decode(Encoding.UTF8.GetBytes(wire));

        Assert.Equal(wire, Encoding.UTF8.GetString(RespValueWriter.ToArray(values)));
    }

    [Theory]
    [InlineData("GET api-token", "$6\r\ns3cret\r\n", "$8\r\nREDACTED\r\n")]
    [InlineData("GET api-token", "$-1\r\n", "$-1\r\n")]
    [InlineData("GET other", "$6\r\ns3cret\r\n", "$6\r\ns3cret\r\n")]
    [InlineData("MGET a api-token", "*2\r\n$1\r\n1\r\n$6\r\ns3cret\r\n", "*2\r\n$1\r\n1\r\n$8\r\nREDACTED\r\n")]
    [InlineData("HGET user api-token", "$6\r\ns3cret\r\n", "$8\r\nREDACTED\r\n")]
    [InlineData("HMGET user name api-token", "*2\r\n$3\r\nada\r\n$6\r\ns3cret\r\n", "*2\r\n$3\r\nada\r\n$8\r\nREDACTED\r\n")]
    [InlineData("HGETALL user", "*4\r\n$4\r\nname\r\n$3\r\nada\r\n$9\r\napi-token\r\n$6\r\ns3cret\r\n", "*4\r\n$4\r\nname\r\n$3\r\nada\r\n$9\r\napi-token\r\n$8\r\nREDACTED\r\n")]
    [InlineData("HGETALL user", "%2\r\n$4\r\nname\r\n$3\r\nada\r\n$9\r\napi-token\r\n$6\r\ns3cret\r\n", "%2\r\n$4\r\nname\r\n$3\r\nada\r\n$9\r\napi-token\r\n$8\r\nREDACTED\r\n")]
    [InlineData("HVALS api-token", "*1\r\n$6\r\ns3cret\r\n", "*1\r\n$8\r\nREDACTED\r\n")]
    [InlineData("CONFIG GET *pass*", "*4\r\n$11\r\nrequirepass\r\n$6\r\ns3cret\r\n$10\r\nmasterauth\r\n$0\r\n\r\n", "*4\r\n$11\r\nrequirepass\r\n$8\r\nREDACTED\r\n$10\r\nmasterauth\r\n$8\r\nREDACTED\r\n")]
    [InlineData("SELECT 1\r\nGET api-token", "$6\r\ns3cret\r\n", "$8\r\nREDACTED\r\n")]
    public void Replies_that_reveal_a_secret_are_redacted(string request, string reply, string expected) =>
        Assert.Equal(expected, Redacted(request, reply));

    [Fact]
    public void Replies_are_untouched_when_the_scope_names_nothing()
    {
        Assert.Equal("$6\r\ns3cret\r\n", Redacted("GET api-token", "$6\r\ns3cret\r\n", new MocketRedaction([])));
    }

    [Theory]
    [InlineData("+OK\r\n", "OK")]
    [InlineData("$3\r\nbar\r\n", "\"bar\"")]
    [InlineData("$5\r\na\"\n\u00e9\r\n", "\"a\\\"\\né\"")]
    [InlineData(":3\r\n", "(integer) 3")]
    [InlineData("$-1\r\n", "(nil)")]
    [InlineData("-ERR wrong\r\n", "(error) ERR wrong")]
    [InlineData("*0\r\n", "(empty array)")]
    [InlineData("*2\r\n$1\r\na\r\n*2\r\n:1\r\n$1\r\nb\r\n", "1) \"a\"\n2) 1) (integer) 1\n   2) \"b\"")]
    [InlineData("%1\r\n$4\r\nname\r\n$3\r\nada\r\n", "1# \"name\" => \"ada\"")]
    [InlineData("_\r\n", "(nil)")]
    [InlineData(",1.5\r\n", "(double) 1.5")]
    [InlineData("#t\r\n", "(true)")]
    public void The_response_text_reads_like_redis_cli(string reply, string expected) =>
        Assert.Equal(expected, RecordedReplyText.Describe(Encoding.UTF8.GetBytes(reply)));

    [Fact]
    public void A_binary_bulk_string_is_shown_with_hex_escapes()
    {
        Assert.Equal("\"A\\x80\\xff\"", RecordedReplyText.Describe((byte[])[.. "$3\r\nA"u8, 0x80, 0xFF, .. "\r\n"u8]));
    }

    [Fact]
    public void Bytes_that_are_not_RESP_have_no_redis_cli_text()
    {
        Assert.Null(RecordedReplyText.Describe("HTTP/1.1 200 OK\r\n"u8.ToArray()));
    }
}
