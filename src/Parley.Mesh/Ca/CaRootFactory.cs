namespace Parley.Mesh.Ca;

/// <summary>The root a CA configuration asks for: the operator's key (and certificate), or a new key of the configured type.</summary>
public static class CaRootFactory
{
    /// <summary>A CA for <paramref name="config"/> in the cluster <paramref name="clusterId"/> (a new id when null).</summary>
    /// <exception cref="Parley.Core.ParleyException">The operator's key or certificate is unusable.</exception>
    public static CertificateAuthority Create(CaProviderConfig config, string? clusterId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new CertificateAuthorityOptions
        {
            ClusterId = clusterId,
            PrivateKeyType = config.PrivateKeyType,
            PrivateKeyBits = config.PrivateKeyBits,
            RootValidity = config.RootCertTtl,
            LeafCertificateValidity = config.LeafCertTtl,
        };
        return config.PrivateKey.Length > 0
            ? CertificateAuthority.Import(config.PrivateKey, config.RootCert, options, timeProvider)
            : CertificateAuthority.Generate(options, timeProvider);
    }
}
