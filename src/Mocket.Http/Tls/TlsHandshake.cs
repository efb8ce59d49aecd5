using System.Buffers;
using System.Net.Security;

namespace MocketNet.Http.Tls;

/// <summary>Terminates TLS on the fake's side of a connection with a leaf certificate for the host the client asked for; ALPN picks h2 when the client offers it, else HTTP/1.1.</summary>
internal static class TlsHandshake
{
    public static async ValueTask<Stream> AcceptAsync(Stream transport, string host, CancellationToken cancellationToken)
    {
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = MocketCertificates.ServerContext(host),
                    ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                    ClientCertificateRequired = false,
                },
                cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Peeks at the first bytes: a TLS ClientHello is answered with a certificate for its SNI host (else <paramref name="fallbackHost"/>); anything else is plain HTTP.</summary>
    public static async ValueTask<Stream> AcceptIfTlsAsync(Stream transport, string fallbackHost, CancellationToken cancellationToken)
    {
        var received = new ArrayBufferWriter<byte>(1024);
        ClientHello? hello;
        while (true)
        {
            var read = await transport.ReadAsync(received.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            received.Advance(read);
            if (received.WrittenCount == 0 || !ClientHelloParser.LooksLikeTls(received.WrittenSpan[0]))
            {
                return new PrefixedStream(received.WrittenMemory, transport);
            }

            if (ClientHelloParser.TryParse(received.WrittenSpan, out hello))
            {
                break;
            }

            if (read == 0)
            {
                throw new IOException("The client closed the connection in the middle of its TLS ClientHello.");
            }
        }

        return await AcceptAsync(new PrefixedStream(received.WrittenMemory, transport), hello!.ServerName ?? fallbackHost, cancellationToken).ConfigureAwait(false);
    }
}
