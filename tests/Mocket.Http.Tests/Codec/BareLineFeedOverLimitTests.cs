using System.Buffers;
using System.Text;
using MocketNet.Http.Codec;

namespace MocketNet.Http.Tests.Codec;

/// <summary>
/// A line over its limit that ends in a bare LF (found by fuzz/run http-head with small limits): in pieces it was
/// rejected as too long before its end arrived, whole as a bare LF. Now the limit is checked first, so the same
/// bytes get the same rejection however they arrive.
/// </summary>
public class BareLineFeedOverLimitTests
{
    private static readonly HttpMockLimits s_limits = HttpMockLimits.Default with
    {
        MaxRequestLineLength = 32, MaxHeadersLength = 64, MaxChunkLineLength = 16,
    };

    [Theory]
    [InlineData("GET /a-path-that-is-far-too-long-for-the-limit HTTP/1.1\nHost: a\r\n\r\n", HttpFormatError.RequestLineTooLong)]
    [InlineData("GET / HTTP/1.1\r\nX-Long: a-field-value-that-makes-the-header-section-too-long-here-and-more\nHost: a\r\n\r\n", HttpFormatError.HeadersTooLarge)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;an-extension-too-long\nx\r\n0\r\n\r\n", HttpFormatError.LineTooLong)]
    [InlineData("GET / HTTP/1.1\nHost: a\r\n\r\n", HttpFormatError.BareLineFeed)]
    public void The_same_bytes_are_rejected_for_the_same_reason_whole_and_byte_by_byte(string text, HttpFormatError reason)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        var whole = Assert.Throws<HttpFormatException>(() => Read(bytes, bytes.Length));
        var byteByByte = Assert.Throws<HttpFormatException>(() => Read(bytes, 1));

        Assert.Equal((reason, reason), (whole.Reason, byteByByte.Reason));
    }

    /// <summary>Hands one reader the unconsumed bytes each time <paramref name="step"/> more arrive, as the pump does.</summary>
    private static void Read(byte[] bytes, int step)
    {
        var reader = new HttpRequestReader(s_limits);
        var consumed = 0;
        for (var arrived = Math.Min(step, bytes.Length); ; arrived = Math.Min(arrived + step, bytes.Length))
        {
            var buffer = new ReadOnlySequence<byte>(bytes, consumed, arrived - consumed);
            while (reader.TryRead(ref buffer, out _))
            {
                consumed = arrived - (int)buffer.Length;
            }

            if (arrived == bytes.Length)
            {
                return;
            }
        }
    }
}
