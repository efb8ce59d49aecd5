using System.Net.Security;
using MocketNet.Http.Tls;

namespace MocketNet.Http.Tests.Tls;

public class ClientHelloParserTests
{
    [Fact]
    public async Task Sni_and_alpn_are_read_from_a_real_client_hello_at_every_split_point()
    {
        var hello = await CaptureClientHelloAsync("api.test", [SslApplicationProtocol.Http11, SslApplicationProtocol.Http2]);

        for (var length = 0; length < hello.Length; length++)
        {
            Assert.False(ClientHelloParser.TryParse(hello.AsSpan(0, length), out _), $"parsed from {length} of {hello.Length} bytes");
        }

        Assert.True(ClientHelloParser.TryParse(hello, out var parsed));
        Assert.Equal("api.test", parsed!.ServerName);
        Assert.Equal(["http/1.1", "h2"], parsed.ApplicationProtocols);
    }

    [Fact]
    public async Task A_client_hello_split_over_two_records_is_reassembled()
    {
        var hello = await CaptureClientHelloAsync("split.test", []);
        var body = hello.AsSpan(5).ToArray();
        var half = body.Length / 2;
        byte[] twoRecords = [.. Record(body[..half]), .. Record(body[half..])];

        Assert.False(ClientHelloParser.TryParse(twoRecords.AsSpan(0, twoRecords.Length - 1), out _));
        Assert.True(ClientHelloParser.TryParse(twoRecords, out var parsed));
        Assert.Equal("split.test", parsed!.ServerName);
        Assert.Empty(parsed.ApplicationProtocols);
    }

    [Theory]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00 }, "not a ClientHello")]
    [InlineData(new byte[] { 0x17, 0x03, 0x01, 0x00, 0x00 }, "not a TLS handshake")]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x06, 0x01, 0x00, 0x00, 0x02, 0x03, 0x03 }, "truncated")]
    public void Bytes_that_are_not_a_client_hello_are_rejected(byte[] data, string reason)
    {
        var error = Assert.Throws<MocketProtocolException>(() => ClientHelloParser.TryParse(data, out _));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static byte[] Record(byte[] fragment) => [0x16, 0x03, 0x01, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    /// <summary>Runs a real SslStream client handshake against a stream that records what it writes and never answers.</summary>
    private static async Task<byte[]> CaptureClientHelloAsync(string host, List<SslApplicationProtocol> protocols)
    {
        using var capture = new CaptureStream();
        using var tls = new SslStream(capture);
        using var cancel = new CancellationTokenSource();
        var handshake = tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host, ApplicationProtocols = protocols.Count == 0 ? null : protocols }, cancel.Token);
        var written = await capture.FirstWrite.Task;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => handshake);
        return written;
    }

    private sealed class CaptureStream : Stream
    {
        public TaskCompletionSource<byte[]> FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => FirstWrite.TrySetResult(buffer.AsSpan(offset, count).ToArray());

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            FirstWrite.TrySetResult(buffer.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
