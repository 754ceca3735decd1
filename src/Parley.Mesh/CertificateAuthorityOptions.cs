namespace Parley.Mesh;

/// <summary>Settings of the built-in certificate authority.</summary>
public sealed class CertificateAuthorityOptions
{
    /// <summary>
    /// The cluster's UUID; the trust domain is <c>&lt;ClusterId&gt;.consul</c>. Defaults to <see langword="null"/>:
    /// a new UUID is generated with the root.
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>The root key's type, <c>ec</c> or <c>rsa</c> (<see cref="CaKeys"/>). Defaults to <c>ec</c>, as Consul.</summary>
    public string PrivateKeyType { get; set; } = CaKeys.Ec;

    /// <summary>The root key's size: 224, 256, 384 or 521 for EC, 2048 or 4096 for RSA. Defaults to 256, as Consul.</summary>
    public int PrivateKeyBits { get; set; } = 256;

    /// <summary>How long the self-signed root is valid. Defaults to 10 years, as Consul's built-in CA.</summary>
    public TimeSpan RootValidity { get; set; } = TimeSpan.FromDays(3650);

    /// <summary>How long a peering server certificate is valid. Defaults to 72 hours.</summary>
    public TimeSpan ServerCertificateValidity { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long a service leaf certificate is valid. Defaults to 72 hours (Consul's <c>leaf_cert_ttl</c>).</summary>
    public TimeSpan LeafCertificateValidity { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// How far in the past issued certificates start, so peers with a slightly slow clock accept them at once.
    /// Defaults to 1 minute, as Consul does.
    /// </summary>
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(1);
}
