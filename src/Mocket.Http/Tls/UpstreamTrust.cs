using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MocketNet.Protocols;

namespace MocketNet.Http.Tls;

/// <summary>
/// How pass-through validates a real server's certificate: the platform's normal validation, plus (per
/// scope) roots the test trusts explicitly with <see cref="MockHttp.TrustUpstreamRoot"/>. Nothing is ever
/// written to a certificate store and validation is never switched off.
/// </summary>
internal static class UpstreamTrust
{
    public static void Add(MocketServer server, X509Certificate2 root)
    {
        var roots = server.GetState(static _ => new ScopeRoots());
        lock (roots)
        {
            roots.Certificates.Add(root);
        }
    }

    /// <summary>The TLS client options for an upstream connection of a scope (its <paramref name="server"/>) to <paramref name="host"/>.</summary>
    public static SslClientAuthenticationOptions Options(MocketServer server, string host) => new()
    {
        TargetHost = host,
        ApplicationProtocols = [SslApplicationProtocol.Http11],
        RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(server, certificate, chain, errors),
    };

    /// <summary>
    /// Accepts what the platform accepts. Otherwise, when the only problem is the chain (the name matched)
    /// and the scope trusts roots of its own, accepts a chain that ends in one of them.
    /// </summary>
    public static bool Validate(MocketServer server, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || server.GetState(static _ => new ScopeRoots()) is not { Certificates.Count: > 0 } roots)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        lock (roots)
        {
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.Certificates);
        }

        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return chain.Build(leaf);
        }

        using var copy = new X509Certificate2(certificate);
        return chain.Build(copy);
    }

    /// <summary>The roots a scope trusts for pass-through (locked while read or changed).</summary>
    private sealed class ScopeRoots
    {
        public X509Certificate2Collection Certificates { get; } = [];
    }
}
