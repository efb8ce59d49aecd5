using System.Text;
using MocketNet.Protocols;
using MocketNet.Redis.Recording;
using MocketNet.Redis.Tests.Support;

namespace MocketNet.Redis.Tests.Recording;

/// <summary>The recorded form of a request: canonical RESP, secrets redacted, volatile parts normalised.</summary>
public class RecordedFormTests
{
    private static readonly MocketRedaction s_none = new([]);

    private static string Recorded(string wire, MocketRedaction? redaction = null) =>
        Encoding.UTF8.GetString(RedisRecordingRules.Instance.RecordedRequest(Encoding.UTF8.GetBytes(wire), redaction ?? s_none).Span);

    private static string Resp(params string[][] commands) =>
        string.Concat(commands.Select(c => Encoding.UTF8.GetString(RespClient.Command(c))));

    private static string Normalized(string wire) =>
        Encoding.UTF8.GetString(RedisRecordingRules.Instance.Normalize(RedisRecordingRules.Instance.RecordedRequest(Encoding.UTF8.GetBytes(wire), s_none)).Span);

    [Fact]
    public void An_inline_command_is_recorded_as_the_RESP_array_a_client_library_sends_with_the_verb_upper_cased()
    {
        Assert.Equal(Resp(["GET", "foo"]), Recorded("get foo\r\n"));
        Assert.Equal(Resp(["SET", "snowman", "is ☃!"]), Recorded("set snowman \"is ☃!\"\r\n"));
        Assert.Equal(Resp(["GET", "foo"]), Recorded("*2\r\n$3\r\ngEt\r\n$3\r\nfoo\r\n"));
    }

    [Fact]
    public void Every_command_of_a_pipelined_request_is_kept_in_order()
    {
        Assert.Equal(Resp(["SELECT", "2"], ["GET", "a"]), Recorded("SELECT 2\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n"));
    }

    [Fact]
    public void The_recorded_form_is_idempotent()
    {
        var once = Recorded("hset h f \"v w\"\r\nAUTH u p\r\n");
        Assert.Equal(once, Recorded(once));
    }

    [Fact]
    public void Binary_arguments_are_kept_byte_for_byte()
    {
        byte[] key = [0x80, 0xFF, 0x00, 0x0D, 0x0A, 0x41];
        byte[] wire = [.. "*2\r\n$3\r\nGET\r\n$6\r\n"u8, .. key, .. "\r\n"u8];

        Assert.Equal(wire, RedisRecordingRules.Instance.RecordedRequest(wire, s_none).ToArray());
    }

    [Theory]
    [InlineData("not a command")]
    [InlineData("*2\r\n$3\r\nGET\r\n$3\r\nfo")]
    [InlineData("*1\r\n+GET\r\n")]
    [InlineData("")]
    public void Bytes_that_are_not_whole_commands_are_recorded_unchanged(string wire) =>
        Assert.Equal(wire, Recorded(wire));

    [Theory]
    [InlineData("AUTH s3cret", "AUTH|REDACTED")]
    [InlineData("AUTH alice s3cret", "AUTH|alice|REDACTED")]
    [InlineData("HELLO 3 AUTH alice s3cret SETNAME app", "HELLO|3|AUTH|alice|REDACTED|SETNAME|app")]
    [InlineData("MIGRATE h 6379 k 0 10 AUTH s3cret", "MIGRATE|h|6379|k|0|10|AUTH|REDACTED")]
    [InlineData("MIGRATE h 6379 k 0 10 AUTH2 alice s3cret", "MIGRATE|h|6379|k|0|10|AUTH2|alice|REDACTED")]
    [InlineData("CONFIG SET requirepass s3cret maxclients 10", "CONFIG|SET|requirepass|REDACTED|maxclients|10")]
    [InlineData("ACL SETUSER alice on >s3cret #abcd ~*", "ACL|SETUSER|alice|on|>REDACTED|#REDACTED|~*")]
    public void Passwords_are_always_redacted(string command, string expected)
    {
        var recorded = Recorded(command + "\r\n");

        Assert.DoesNotContain("s3cret", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("abcd", recorded, StringComparison.Ordinal);
        Assert.Equal(Resp(expected.Split('|')), recorded);
    }

    [Theory]
    [InlineData("SET api-token s3cret EX 10", "SET|api-token|REDACTED|EX|10")]
    [InlineData("SETEX api-token 10 s3cret", "SETEX|api-token|10|REDACTED")]
    [InlineData("MSET plain v API-TOKEN s3cret", "MSET|plain|v|API-TOKEN|REDACTED")]
    [InlineData("HSET user name ada api-token s3cret", "HSET|user|name|ada|api-token|REDACTED")]
    [InlineData("HSET api-token a s3cret b s3cret", "HSET|api-token|a|REDACTED|b|REDACTED")]
    [InlineData("SET other s3cret", "SET|other|s3cret")]
    [InlineData("GET api-token", "GET|api-token")]
    public void Values_written_to_keys_or_hash_fields_the_scope_names_are_redacted(string command, string expected)
    {
        Assert.Equal(Resp(expected.Split('|')), Recorded(command + "\r\n", new MocketRedaction(["api-token"])));
    }

    [Theory]
    [InlineData("ECHO 8f1c2a", "ECHO 0b77e1")]
    [InlineData("CLIENT SETNAME run-a", "CLIENT SETNAME run-b")]
    [InlineData("CLIENT SETINFO LIB-VER 2.8.16", "CLIENT SETINFO LIB-VER 3.4.1")]
    [InlineData("AUTH REDACTED\r\nGET foo", "GET foo")]
    [InlineData("HELLO 3 AUTH default REDACTED SETNAME x\r\nGET foo", "HELLO 3\r\nGET foo")]
    public void Matching_ignores_random_payloads_client_names_library_versions_and_credentials(string one, string other) =>
        Assert.Equal(Normalized(one + "\r\n"), Normalized(other + "\r\n"));

    [Theory]
    [InlineData("GET a", "GET b")]
    [InlineData("CLIENT SETINFO LIB-NAME x", "CLIENT SETINFO LIB-VER x")]
    [InlineData("HELLO 3\r\nGET a", "GET a")]
    [InlineData("SELECT 2\r\nGET a", "GET a")]
    public void Matching_still_tells_apart_what_changes_the_reply(string one, string other) =>
        Assert.NotEqual(Normalized(one + "\r\n"), Normalized(other + "\r\n"));
}
