using System.Net.Http;
using System.Net.Security;
using MocketNet.Http.Tls;
using MocketNet.Protocols;

namespace MocketNet.Http.Seam;

/// <summary>Builds the SocketsHttpHandler whose connections are in-memory streams served by one scope.</summary>
internal static class MockHttpHandler
{
    public static SocketsHttpHandler Create(MocketServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new SocketsHttpHandler
        {
            UseProxy = false,

            // No DiagnosticsHandler in the chain: the global seam must not rewrite this handler's requests.
            ActivityHeadersPropagator = null,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = MocketCertificates.TrustPolicy() },
            ConnectCallback = (context, _) =>
            {
                var https = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps;
                var stream = server.Connect(new MocketLocation(context.DnsEndPoint.Host, context.DnsEndPoint.Port), https ? HttpMockProtocol.Tls : HttpMockProtocol.Plain);
                return ValueTask.FromResult(stream);
            },
        };
    }
}
