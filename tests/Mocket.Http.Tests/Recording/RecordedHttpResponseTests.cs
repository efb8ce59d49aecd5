using System.IO.Compression;
using System.Text;
using MocketNet.Http.Recording;
using MocketNet.Protocols;

namespace MocketNet.Http.Tests.Recording;

/// <summary>A real reply as recorded: redacted, self-delimiting, and its human-readable text.</summary>
public class RecordedHttpResponseTests
{
    private static readonly byte[] s_get = "GET / HTTP/1.1\r\nHost: a.test\r\n\r\n"u8.ToArray();

    [Fact]
    public void Set_cookie_and_user_named_fields_are_redacted_in_every_head_and_the_body_is_untouched()
    {
        var reply = "HTTP/1.1 100 Continue\r\nX-Token: early\r\n\r\nHTTP/1.1 302 Found\r\nSet-Cookie: sid=abc; Path=/; HttpOnly\r\nset-cookie: flag\r\n" +
            "X-Token: t0k\r\nLocation: /next?token=t1&page=2#top\r\nContent-Length: 4\r\n\r\nbody";

        var recorded = Redact(reply, "X-Token", "token");

        Assert.Equal(
            "HTTP/1.1 100 Continue\r\nX-Token: REDACTED\r\n\r\nHTTP/1.1 302 Found\r\nSet-Cookie: sid=REDACTED; Path=/; HttpOnly\r\nset-cookie: REDACTED\r\n" +
            "X-Token: REDACTED\r\nLocation: /next?token=REDACTED&page=2#top\r\nContent-Length: 4\r\n\r\nbody",
            recorded);
    }

    [Fact]
    public void A_reply_with_nothing_to_redact_keeps_its_exact_bytes()
    {
        var reply = "HTTP/1.1 200 OK\r\nx-odd:spacing  \r\nContent-Length: 2\r\n\r\nok";

        Assert.Equal(reply, Redact(reply));
    }

    [Fact]
    public void A_reply_whose_body_ended_with_the_connection_gets_a_content_length_so_its_replay_ends()
    {
        Assert.Equal(
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nuntil",
            Redact("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil"));
    }

    [Fact]
    public void A_reply_to_HEAD_gets_no_content_length()
    {
        var reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n";

        Assert.Equal(reply, Encoding.Latin1.GetString(RecordedHttpResponse.Redact("HEAD / HTTP/1.1\r\n\r\n"u8.ToArray(), Encoding.Latin1.GetBytes(reply), new MocketRedaction([])).Span));
    }

    [Theory]
    [InlineData("not a reply")]
    [InlineData("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")]
    public void Bytes_that_are_not_a_whole_reply_stay_as_they_are(string reply)
    {
        Assert.Equal(reply, Redact(reply));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("deflate-raw")]
    [InlineData("br")]
    public void The_text_copy_shows_a_compressed_chunked_body_decoded_after_the_head(string coding)
    {
        var body = Compress(coding, "{\"text\":\"readable ☃\"}");
        var header = coding == "deflate-raw" ? "deflate" : coding;
        var chunked = Encoding.ASCII.GetBytes($"{body.Length:x}\r\n").Concat(body).Concat("\r\n0\r\n\r\n"u8.ToArray());
        var reply = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Encoding: {header}\r\nTransfer-Encoding: chunked\r\n\r\n").Concat(chunked).ToArray();

        var text = Describe(reply);

        Assert.Equal($"HTTP/1.1 200 OK\r\nContent-Encoding: {header}\r\nTransfer-Encoding: chunked\r\n\r\n{{\"text\":\"readable ☃\"}}", text);
    }

    [Fact]
    public void A_binary_body_is_named_not_shown_and_an_undecodable_one_falls_back_to_the_printable_reply_or_none()
    {
        var binary = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n"u8.ToArray().Concat(new byte[] { 0x89, 0x50, 0x00, 0x01 }).ToArray();
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n[4 bytes of binary body; the hex \"response\" is the reply]", Describe(binary));

        var notGzip = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc";
        Assert.Equal(notGzip, Describe(Encoding.ASCII.GetBytes(notGzip)));
        Assert.Null(Describe([0x16, 0x03, 0x01, 0x00]));
    }

    [Fact]
    public void Interim_replies_and_an_empty_body_show_as_heads_only()
    {
        var reply = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n";

        Assert.Equal(reply, Describe(Encoding.ASCII.GetBytes(reply)));
    }

    private static string Redact(string reply, params string[] fields) =>
        Encoding.Latin1.GetString(RecordedHttpResponse.Redact(s_get, Encoding.Latin1.GetBytes(reply), new MocketRedaction(fields)).Span);

    private static string? Describe(byte[] reply) => RecordedHttpResponse.Describe(reply, Printable);

    /// <summary>Core's rule, simplified: valid UTF-8 with no control characters but tab, CR and LF.</summary>
    private static string? Printable(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Span);
            return text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static byte[] Compress(string coding, string text)
    {
        using var output = new MemoryStream();
        using (Stream compressor = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate-raw" => new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
