using System.Buffers;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Tests.Codec;

/// <summary>Inputs fuzz/run found (docs/reliability.md, "Fuzzing"), each pinned with what the reader must do with it.</summary>
public class FuzzFindingTests
{
    /// <summary>
    /// A command array's length line with a bare CR, too long, whose LF comes late: in pieces it was rejected as too
    /// long before the LF arrived, whole as holding a bare CR. The same bytes now get the same rejection however they arrive.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void A_too_long_length_line_with_a_bare_CR_is_rejected_as_too_long_however_it_arrives(int piece)
    {
        var bytes = Convert.FromHexString(
            "2A322C310D35F21ED5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5FFFFFF7FD5D5D5D5D5D5D5D5D5D5D5310D2531071E03E80D7C2E0A13310D0A");

        var error = Assert.Throws<RespFormatException>(() => ReadInPieces(bytes, piece));

        Assert.Equal(RespFormatError.LineTooLong, error.Reason);
    }

    /// <summary>
    /// An array header that arrived in pieces, then the whole array at once: the one-pass path read it, but the line
    /// search begun on the shorter buffer was kept, so the next command's search resumed past the end of its bytes
    /// (ArgumentOutOfRangeException from the pump, 21 of the fuzzer's inputs).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(int.MaxValue)]
    public void Commands_after_an_array_whose_header_arrived_in_pieces_are_read_as_when_whole(int piece)
    {
        var bytes = "3\r\n$3\r\nSNT\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*1\r\n$3\r\nGET\r\n$3\r\nfoo"u8.ToArray();

        var commands = ReadInPieces(bytes, piece);

        Assert.Equal(["3", "$3", "SNT", "$3", "FOO", "$3", "BAR", "GET", "$3"], commands);
    }

    private static List<string> ReadInPieces(byte[] bytes, int piece)
    {
        var reader = new RedisCommandReader(new MocketLocation("fuzz.test", 6379));
        var commands = new List<string>();
        var consumed = 0;
        for (var available = Math.Min(piece, bytes.Length); ; available = (int)Math.Min((long)available + piece, bytes.Length))
        {
            var buffer = new ReadOnlySequence<byte>(bytes, consumed, available - consumed);
            while (reader.TryRead(ref buffer, out var request))
            {
                commands.Add(request.Command);
                consumed = available - (int)buffer.Length;
            }

            if (available == bytes.Length)
            {
                return commands;
            }
        }
    }
}
