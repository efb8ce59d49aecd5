using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MocketNet.Http.Tests.Support;

/// <summary>A test origin's own certificates, in memory: a root the test trusts explicitly and the server's certificate.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 root, X509Certificate2 server)
    {
        Root = root;
        Server = server;
    }

    /// <summary>The CA (public part only), which a test trusts explicitly.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The origin's certificate, with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>A self-signed server certificate for 127.0.0.1 and localhost, which is its own root.</summary>
    public static TestCertificates CreateSelfSigned()
    {
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(key, namesLoopback: true);
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        var server = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
        return new TestCertificates(X509CertificateLoader.LoadCertificate(created.Export(X509ContentType.Cert)), server);
    }

    /// <summary>A CA and a server certificate it issued, for 127.0.0.1 and localhost, or (<paramref name="namesLoopback"/> false) for elsewhere.test only.</summary>
    public static TestCertificates Create(bool namesLoopback = true)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Mocket recording tests origin CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(key, namesLoopback);
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(7), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Re-imported so that the key is usable by SslStream on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
        return new TestCertificates(X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert)), server);
    }

    private static CertificateRequest ServerRequest(ECDsa key, bool namesLoopback)
    {
        var request = new CertificateRequest(namesLoopback ? "CN=127.0.0.1" : "CN=elsewhere.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (namesLoopback)
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
        }
        else
        {
            names.AddDnsName("elsewhere.test");
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }

    public void Dispose()
    {
        Root.Dispose();
        Server.Dispose();
    }
}
