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

    private static void ReadInPieces(byte[] bytes, int piece)
    {
        var reader = new RedisCommandReader(new MocketLocation("fuzz.test", 6379));
        var consumed = 0;
        for (var available = Math.Min(piece, bytes.Length); ; available = (int)Math.Min((long)available + piece, bytes.Length))
        {
            var buffer = new ReadOnlySequence<byte>(bytes, consumed, available - consumed);
            while (reader.TryRead(ref buffer, out _))
            {
                consumed = available - (int)buffer.Length;
            }

            if (available == bytes.Length)
            {
                return;
            }
        }
    }
}
