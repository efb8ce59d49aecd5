using System.Text;

namespace MocketNet.Redis.Tests.Codec;

/// <summary>The reference's Redisizer vectors (tests/test_redis.py), byte for byte.</summary>
public class RedisizerTests
{
    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_status_is_a_simple_string() => Assert.Equal(B("+OK\r\n"), Resp.Encode(MockRedis.Ok));

    [Fact]
    public void Queued_is_a_simple_string() => Assert.Equal(B("+QUEUED\r\n"), Resp.Encode(MockRedis.Queued));

    [Fact]
    public void An_error_keeps_its_UTF8_text() =>
        Assert.Equal(B("-ERR: \u2603 summer\r\n"), Resp.Encode(MockRedis.Error("ERR: ☃ summer")));

    [Fact]
    public void An_integer_is_an_integer() => Assert.Equal(B(":10\r\n"), Resp.Encode(10));

    [Fact]
    public void A_list_is_an_array_of_bulk_strings() =>
        Assert.Equal(B("*2\r\n$7\r\nsnowman\r\n$3\r\n☃\r\n"), Resp.Encode(new List<string> { "snowman", "☃" }));

    [Fact]
    public void A_dictionary_is_a_flat_array_of_key_and_value() =>
        Assert.Equal(B("*2\r\n$7\r\nsnowman\r\n$3\r\n☃\r\n"), Resp.Encode(new Dictionary<string, string> { ["snowman"] = "☃" }));

    [Fact]
    public void Text_is_a_bulk_string_of_its_UTF8_length() => Assert.Equal(B("$3\r\n☃\r\n"), Resp.Encode("☃"));

    [Fact]
    public void Bytes_are_a_bulk_string_verbatim() =>
        Assert.Equal(B("$3\r\n☃\r\n"), Resp.Encode(new byte[] { 0xe2, 0x98, 0x83 }));

    [Fact]
    public void An_encoded_reply_is_sent_unchanged() => Assert.Equal(B("+OK\r\n"), Resp.Encode(MockRedis.Raw(B("+OK\r\n"))));

    [Fact]
    public void Null_is_the_nil_bulk_string_not_OK() => Assert.Equal(B("$-1\r\n"), Resp.Encode(null));

    [Fact]
    public void Every_integer_type_is_an_integer()
    {
        Assert.Equal(B(":-5\r\n"), Resp.Encode((sbyte)-5));
        Assert.Equal(B(":255\r\n"), Resp.Encode((byte)255));
        Assert.Equal(B(":-7\r\n"), Resp.Encode((short)-7));
        Assert.Equal(B(":9223372036854775807\r\n"), Resp.Encode(long.MaxValue));
        Assert.Equal(B(":42\r\n"), Resp.Encode(42UL));
    }

    [Fact]
    public void Numbers_beyond_64_bits_are_bulk_strings_in_RESP2_and_big_numbers_in_RESP3()
    {
        Assert.Equal(B("$20\r\n18446744073709551615\r\n"), Resp.Encode(ulong.MaxValue));
        Assert.Equal(B("(18446744073709551615\r\n"), Resp.Encode(ulong.MaxValue, protocol: 3));
    }

    [Fact]
    public void RESP3_sends_maps_sets_nulls_booleans_and_doubles_natively()
    {
        Assert.Equal(B("%1\r\n$1\r\na\r\n:1\r\n"), Resp.Encode(new Dictionary<string, int> { ["a"] = 1 }, protocol: 3));
        Assert.Equal(B("~1\r\n$1\r\nx\r\n"), Resp.Encode(new HashSet<string> { "x" }, protocol: 3));
        Assert.Equal(B("_\r\n"), Resp.Encode(null, protocol: 3));
        Assert.Equal(B("#t\r\n"), Resp.Encode(true, protocol: 3));
        Assert.Equal(B(",1.5\r\n"), Resp.Encode(1.5, protocol: 3));
        Assert.Equal(B(",inf\r\n"), Resp.Encode(double.PositiveInfinity, protocol: 3));
    }

    [Fact]
    public void RESP2_sends_booleans_as_integers_and_doubles_as_bulk_strings()
    {
        Assert.Equal(B(":1\r\n"), Resp.Encode(true));
        Assert.Equal(B("$3\r\n1.5\r\n"), Resp.Encode(1.5));
        Assert.Equal(B("*1\r\n$1\r\nx\r\n"), Resp.Encode(new HashSet<string> { "x" }));
    }

    [Fact]
    public void Nested_lists_and_nil_items_are_encoded_recursively() =>
        Assert.Equal(B("*2\r\n*1\r\n:1\r\n$-1\r\n"), Resp.Encode(new object?[] { new[] { 1 }, null }));

    [Fact]
    public void A_type_with_no_RESP_form_is_refused_with_the_supported_ones_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Resp.Encode(new Uri("http://x.test")));
        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("MockRedis.Ok", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_or_error_with_a_line_break_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MockRedis.Error("two\r\nlines"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resp.Encode("x", protocol: 4));
    }
}
