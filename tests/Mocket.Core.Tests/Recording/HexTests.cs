using MocketNet.Recording;

namespace MocketNet.Tests.Recording;

public class HexTests
{
    [Fact]
    public void Bytes_are_dumped_as_upper_case_pairs_separated_by_spaces() =>
        Assert.Equal("62 61 72 00 FF", Hex.Dump("bar\0"u8.ToArray().Append((byte)0xFF).ToArray()));

    [Fact]
    public void Nothing_dumps_as_an_empty_string() => Assert.Equal(string.Empty, Hex.Dump([]));

    [Theory]
    [InlineData("62 61 72", new byte[] { 0x62, 0x61, 0x72 })]
    [InlineData("626172", new byte[] { 0x62, 0x61, 0x72 })]
    [InlineData(" 6\n2\t61 7a ", new byte[] { 0x62, 0x61, 0x7A })]
    [InlineData("", new byte[0])]
    public void Hex_loads_ignoring_white_space_and_case(string text, byte[] expected)
    {
        Assert.True(Hex.TryLoad(text, out var bytes, out var error));
        Assert.Equal(expected, bytes);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("62 6", "odd number of hex digits (3)")]
    [InlineData("62 zz", "character 'z' at position 3 is not a hex digit")]
    public void Invalid_hex_says_what_is_wrong(string text, string expected)
    {
        Assert.False(Hex.TryLoad(text, out _, out var error));
        Assert.Equal(expected, error?[(error.Length - expected.Length)..]);
    }
}
