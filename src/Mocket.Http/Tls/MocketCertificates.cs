using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MocketNet.Http.Tls;

/// <summary>
/// Mocket's per-process certificate authority (ECDSA P-256, created on first use, never written to any
/// store) and the leaf certificates it issues per host (SAN), cached. Clients trust it only through
/// <see cref="TrustPolicy"/> (custom root trust), never by disabling validation.
/// </summary>
internal static class MocketCertificates
{
    private static readonly Lazy<X509Certificate2> s_authority = new(CreateAuthority);
    private static readonly Lazy<X509Certificate2> s_publicAuthority = new(() => Load(Authority.Export(X509ContentType.Cert), password: null));
    private static readonly ConcurrentDictionary<string, Lazy<SslStreamCertificateContext>> s_leaves = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The CA certificate, with its private key (kept in memory only).</summary>
    public static X509Certificate2 Authority => s_authority.Value;

    /// <summary>A chain policy that trusts Mocket's CA and nothing else.</summary>
    public static X509ChainPolicy TrustPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(s_publicAuthority.Value);
        return policy;
    }

    /// <summary>The server certificate (and chain) for a host, issued on first use.</summary>
    public static SslStreamCertificateContext ServerContext(string host) =>
        s_leaves.GetOrAdd(host, h => new Lazy<SslStreamCertificateContext>(() => CreateLeafContext(h))).Value;

    private static X509Certificate2 CreateAuthority()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name("Mocket for .NET test CA - per process, in memory only"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return Portable(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1)));
    }

    private static SslStreamCertificateContext CreateLeafContext(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(host), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Authority, now.AddDays(-1), now.AddDays(30), serial);
        var leaf = Portable(issued.CopyWithPrivateKey(key));
        return SslStreamCertificateContext.Create(leaf, [s_publicAuthority.Value], offline: true);
    }

    /// <summary>A certificate whose private key SslStream can use on every platform (Windows refuses ephemeral keys).</summary>
    private static X509Certificate2 Portable(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        using (certificate)
        {
            return Load(certificate.Export(X509ContentType.Pkcs12, string.Empty), string.Empty);
        }
    }

    private static X500DistinguishedName Name(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static X509Certificate2 Load(byte[] data, string? password)
    {
#if NET9_0_OR_GREATER
        return password is null ? X509CertificateLoader.LoadCertificate(data) : X509CertificateLoader.LoadPkcs12(data, password);
#else
        return password is null ? new X509Certificate2(data) : new X509Certificate2(data, password);
#endif
    }
}
