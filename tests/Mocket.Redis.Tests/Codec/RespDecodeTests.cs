using System.Buffers;
using System.Text;
using MocketNet.Redis.Codec;
using MocketNet.Redis.Tests.Support;
using MocketNet.Tests.Shared;

namespace MocketNet.Redis.Tests.Codec;

public class RespDecodeTests
{
    public static TheoryData<string, string> EveryType => new()
    {
        { "+OK\r\n", "SimpleString \"OK\"" },
        { "-ERR bad thing\r\n", "SimpleError \"ERR bad thing\"" },
        { ":-42\r\n", "Integer \"-42\"" },
        { "$5\r\nhe\r\no\r\n", "BulkString \"he\r\no\"" },
        { "$0\r\n\r\n", "BulkString \"\"" },
        { "$-1\r\n", "null(BulkString)" },
        { "*-1\r\n", "null(Array)" },
        { "*0\r\n", "Array[]" },
        { "*2\r\n$1\r\na\r\n*1\r\n:1\r\n", "Array[BulkString \"a\", Array[Integer \"1\"]]" },
        { "_\r\n", "null(Null)" },
        { "#t\r\n", "Boolean \"t\"" },
        { ",3.14\r\n", "Double \"3.14\"" },
        { ",-inf\r\n", "Double \"-inf\"" },
        { "(3492890328409238509324850943850943825024385\r\n", "BigNumber \"3492890328409238509324850943850943825024385\"" },
        { "!21\r\nSYNTAX invalid syntax\r\n", "BulkError \"SYNTAX invalid syntax\"" },
        { "=15\r\ntxt:Some string\r\n", "VerbatimString \"Some string\"" },
        { "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n", "Map[SimpleString \"first\", Integer \"1\", SimpleString \"second\", Integer \"2\"]" },
        { "~2\r\n+a\r\n+b\r\n", "Set[SimpleString \"a\", SimpleString \"b\"]" },
        { ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n", "Push[BulkString \"message\", BulkString \"ch\", BulkString \"hi\"]" },
        { "|1\r\n+ttl\r\n:3600\r\n$3\r\nval\r\n", "BulkString \"val\"" },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_type_is_read_whole_at_every_split_point(string wire, string expected)
    {
        var data = Encoding.UTF8.GetBytes(wire + "+next\r\n");
        var frameLength = Encoding.UTF8.GetByteCount(wire);
        for (var cut = 0; cut <= data.Length; cut++)
        {
            var buffer = Segments.Split(data, cut);
            Assert.True(Resp.TryDecode(ref buffer, out var value), $"split at {cut}");
            Assert.Equal(expected, value.ToString());
            Assert.Equal(data.Length - frameLength, buffer.Length);
        }
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void A_partial_value_needs_more_and_consumes_nothing(string wire, string expected)
    {
        _ = expected;
        var data = Encoding.UTF8.GetBytes(wire);
        for (var length = 0; length < data.Length; length++)
        {
            var buffer = Segments.Split(data[..length], length / 2);
            Assert.False(Resp.TryDecode(ref buffer, out _), $"prefix of {length} bytes");
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void Attributes_and_verbatim_formats_are_kept()
    {
        var buffer = new ReadOnlySequence<byte>("|1\r\n+ttl\r\n:3600\r\n=7\r\nmkd:# a\r\n"u8.ToArray());

        Assert.True(Resp.TryDecode(ref buffer, out var value));

        Assert.Equal("mkd", value.Format);
        Assert.Equal("# a", value.Text);
        Assert.Equal(3600, value.Attributes!.Items[1].ToInt64());
    }

    [Theory]
    [InlineData("?what\r\n", RespFormatError.UnknownType, "unknown RESP type prefix '?'")]
    [InlineData(":12a\r\n", RespFormatError.InvalidScalar, "not well formed")]
    [InlineData("$abc\r\n", RespFormatError.InvalidNumber, "not a decimal integer")]
    [InlineData("$-2\r\n", RespFormatError.LengthOutOfRange, "out of range")]
    [InlineData("*-2\r\n", RespFormatError.LengthOutOfRange, "out of range")]
    [InlineData("$3\r\nabcde\r\n", RespFormatError.UnterminatedBulk, "not followed by CRLF")]
    [InlineData("+OK\n", RespFormatError.BareLineFeed, "bare LF")]
    [InlineData("+O\rK\r\n", RespFormatError.BareCarriageReturn, "bare CR")]
    [InlineData("#x\r\n", RespFormatError.InvalidScalar, "not well formed")]
    [InlineData("_x\r\n", RespFormatError.InvalidScalar, "not well formed")]
    [InlineData("=3\r\ntxt\r\n", RespFormatError.InvalidVerbatim, "verbatim string")]
    [InlineData("%1\r\n+a\r\n?\r\n", RespFormatError.UnknownType, "unknown RESP type prefix")]
    [InlineData("(12x\r\n", RespFormatError.InvalidScalar, "not well formed")]
    public void Malformed_input_throws_a_typed_error_naming_the_problem(string wire, RespFormatError reason, string problem)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire));

        var error = Assert.Throws<RespFormatException>(() => Resp.TryDecode(ref buffer, out _));

        Assert.Equal(reason, error.Reason);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.True(error.Offset >= 0);
        Assert.IsAssignableFrom<MocketProtocolException>(error);
    }

    [Fact]
    public void Nesting_is_bounded_so_a_hostile_value_cannot_overflow_the_stack()
    {
        var deepest = string.Concat(Enumerable.Repeat("*1\r\n", 512)) + ":1\r\n";
        var tooDeep = string.Concat(Enumerable.Repeat("*1\r\n", 100_000)) + ":1\r\n";

        var value = Assert.Single(Resp.Decode(Encoding.ASCII.GetBytes(deepest)));
        var error = Assert.Throws<RespFormatException>(() => Resp.Decode(Encoding.ASCII.GetBytes(tooDeep)));

        Assert.Equal(RespType.Array, value.Type);
        Assert.Equal(RespFormatError.TooDeep, error.Reason);
        Assert.Equal(512 * 4, error.Offset);
    }

    [Fact]
    public void Complete_input_that_ends_inside_a_value_is_truncated()
    {
        var error = Assert.Throws<RespFormatException>(() => Resp.Decode("+OK\r\n*2\r\n:1\r\n"u8.ToArray()));

        Assert.Equal(RespFormatError.Truncated, error.Reason);
        Assert.Equal(5, error.Offset);
    }

    [Fact]
    public void A_value_arriving_in_pieces_is_read_once_whole_and_each_byte_examined_once()
    {
        // 2,000 small items then a 100 KB bulk string, arriving a byte (then a kilobyte) at a time:
        // the old reader walked everything before the cut again on each arrival.
        var wire = Resp.Encode(new object[] { Enumerable.Range(0, 2000).Select(i => "item" + i).ToArray(), new string('x', 100_000) });
        var reader = new RespValueReader();
        for (var length = 0; length < wire.Length; length += length < 20_000 ? 1 : 997)
        {
            var partial = new ReadOnlySequence<byte>(wire, 0, length);
            Assert.False(reader.TryRead(ref partial, out _), $"read from {length} of {wire.Length} bytes");
            Assert.Equal(length, partial.Length);
        }

        var whole = new ReadOnlySequence<byte>(wire);
        Assert.True(reader.TryRead(ref whole, out var value));

        Assert.True(whole.IsEmpty);
        Assert.Equal(2000, value.Items[0].Items.Count);
        Assert.Equal(100_000, value.Items[1].Bytes.Length);
        Assert.InRange(reader.Examined, wire.Length, wire.Length * 2L);
    }

    [Fact]
    public void A_header_line_that_never_ends_is_malformed_rather_than_waited_for()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("$" + new string('1', 40)));
        Assert.Throws<RespFormatException>(() => Resp.TryDecode(ref buffer, out _));
    }

    [Fact]
    public void Encoded_values_read_back_to_the_same_structure()
    {
        var values = Resp.Decode(Resp.Encode(new object?[] { "a", 1, null, new Dictionary<string, object> { ["k"] = new[] { "v" } } }, protocol: 3));

        Assert.Equal("Array[BulkString \"a\", Integer \"1\", null(Null), Map[BulkString \"k\", Array[BulkString \"v\"]]]", Assert.Single(values).ToString());
    }
}
