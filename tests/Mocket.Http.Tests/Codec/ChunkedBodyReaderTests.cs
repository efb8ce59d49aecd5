using System.Buffers;
using System.Text;
using MocketNet.Http.Codec;

namespace MocketNet.Http.Tests.Codec;

/// <summary>The chunked body reader on its own; the inputs are minimised findings of fuzz/run http-chunked.</summary>
public class ChunkedBodyReaderTests
{
    private const int MaxLine = 16;

    [Theory]
    [InlineData("1;name=a-long-value\r\nx\r\n0\r\n\r\n")] // a chunk-size line of 19 bytes
    [InlineData("0\r\nX-Trailer: 123456\r\n\r\n")] // a trailer field of 17 bytes
    public void A_line_over_the_limit_is_rejected_whether_it_arrives_whole_or_byte_by_byte(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        var whole = Assert.Throws<HttpFormatException>(() => Read(bytes, step: bytes.Length));
        var byteByByte = Assert.Throws<HttpFormatException>(() => Read(bytes, step: 1));

        Assert.Equal((HttpFormatError.LineTooLong, HttpFormatError.LineTooLong), (whole.Reason, byteByByte.Reason));
        Assert.Contains("longer than 16 bytes", whole.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1;name=long-valu\r\nx\r\n0\r\n\r\n")] // a chunk-size line of 16 bytes
    [InlineData("0\r\nX-Trailer: 12345\r\n\r\n")] // a trailer field of 16 bytes
    public void A_line_at_the_limit_is_accepted_byte_by_byte_though_its_CR_arrives_before_its_LF(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        Assert.Equal(bytes.Length, Read(bytes, step: bytes.Length));
        Assert.Equal(bytes.Length, Read(bytes, step: 1));
    }

    /// <summary>Hands a reader the body from its start, <paramref name="step"/> more bytes each time, as the pump does; the body's length once whole.</summary>
    private static long Read(byte[] bytes, int step)
    {
        var reader = new ChunkedBodyReader(decode: true, response: false, MaxLine);
        for (var arrived = Math.Min(step, bytes.Length); ; arrived = Math.Min(arrived + step, bytes.Length))
        {
            if (reader.TryRead(new ReadOnlySequence<byte>(bytes, 0, arrived), out var length))
            {
                return length;
            }

            Assert.True(arrived < bytes.Length, "the whole body arrived and the reader still wants more");
        }
    }
}
