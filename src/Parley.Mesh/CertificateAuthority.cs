using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core;

namespace Parley.Mesh;

/// <summary>
/// The built-in CA: one self-signed ECDSA P-256 root per cluster, trust domain <c>&lt;cluster-id&gt;.consul</c>,
/// signing peering server certificates and service leaf certificates directly (no intermediates).
/// </summary>
/// <remarks>
/// Generating a root is random and reads the clock, so it happens on the leader before a command is written;
/// the resulting <see cref="CaRoot"/> (PEMs included) is what replicates, and every server rebuilds the same
/// CA from it with <see cref="Load"/>. Issuing is thread-safe.
/// </remarks>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>The name Parley gives its roots (Consul's built-in CA says "Consul CA Primary Cert").</summary>
    public const string RootName = "Parley CA Primary Cert";

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2 _root;
    private readonly CertificateAuthorityOptions _options;
    private readonly TimeProvider _timeProvider;

    private CertificateAuthority(CaRoot root, X509Certificate2 rootWithKey, CertificateAuthorityOptions options, TimeProvider timeProvider)
    {
        Root = root;
        _root = rootWithKey;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The root as stored in the replicated state.</summary>
    public CaRoot Root { get; }

    /// <summary><c>&lt;cluster-id&gt;.consul</c>.</summary>
    public string TrustDomain => Root.TrustDomain;

    /// <summary>The cluster UUID.</summary>
    public string ClusterId => MeshNames.ClusterIdOf(Root.TrustDomain);

    /// <summary>Generates a new root key and self-signed certificate.</summary>
    public static CertificateAuthority Generate(CertificateAuthorityOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var clusterId = string.IsNullOrEmpty(options.ClusterId) ? Guid.NewGuid().ToString() : options.ClusterId;
        var trustDomain = MeshNames.TrustDomain(clusterId);

        var now = TruncateToSeconds(timeProvider.GetUtcNow());
        var notBefore = now - options.ClockSkewAllowance;
        var notAfter = now + options.RootValidity;
        var serial = NewRootSerial();

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyId = CertificateEncoding.KeyId(key);
        var request = new CertificateRequest($"CN=Parley CA {serial}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(keyId, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(keyId));
        request.CertificateExtensions.Add(SubjectAltNames.ForUri(SpiffeIds.Signing(trustDomain)));

        var serialBytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(serialBytes, serial);
        using var unsigned = request.Create(
            request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, serialBytes);
        var withKey = unsigned.CopyWithPrivateKey(key);

        var root = new CaRoot
        {
            ID = CertificateEncoding.Fingerprint(withKey),
            Name = RootName,
            SerialNumber = serial,
            SigningKeyID = CertificateEncoding.ColonHex(keyId),
            NotBefore = notBefore,
            NotAfter = notAfter,
            RootCert = CertificateEncoding.ToPem(withKey),
            PrivateKey = CertificateEncoding.ToPem(key),
            TrustDomain = trustDomain,
            Active = true,
        };
        return new CertificateAuthority(root, withKey, options, timeProvider);
    }

    /// <summary>Rebuilds the CA from a stored root (certificate and key PEMs).</summary>
    /// <exception cref="ParleyException">The PEMs do not parse, or the key is not the certificate's.</exception>
    public static CertificateAuthority Load(CaRoot root, TimeProvider timeProvider, CertificateAuthorityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(timeProvider);
        try
        {
            using var certificate = CertificateEncoding.CertificateFromPem(root.RootCert);
            using var key = ECDsa.Create();
            key.ImportFromPem(root.PrivateKey);
            var withKey = certificate.CopyWithPrivateKey(key);
            return new CertificateAuthority(root, withKey, options ?? new CertificateAuthorityOptions(), timeProvider);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, $"CA root {root.ID} cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>
    /// Issues the certificate the peering TLS listener presents: DNS SAN
    /// <c>server.&lt;dc&gt;.peering.&lt;trust-domain&gt;</c>, server and client auth, fresh P-256 key.
    /// </summary>
    /// <param name="datacenter">This server's datacenter.</param>
    /// <param name="validity">Lifetime; defaults to <see cref="CertificateAuthorityOptions.ServerCertificateValidity"/>.</param>
    public IssuedCertificate IssueServerCertificate(string datacenter, TimeSpan? validity = null)
    {
        var serverName = MeshNames.PeeringServerName(datacenter, TrustDomain);
        return Issue(serverName, SubjectAltNames.ForDnsName(serverName), validity ?? _options.ServerCertificateValidity);
    }

    /// <summary>
    /// Issues a service leaf certificate with URI SAN
    /// <c>spiffe://&lt;td&gt;/ns/default/dc/&lt;dc&gt;/svc/&lt;service&gt;</c> and common name <paramref name="service"/>.
    /// </summary>
    /// <param name="datacenter">The datacenter the service runs in.</param>
    /// <param name="service">The service name.</param>
    /// <param name="validity">Lifetime; defaults to <see cref="CertificateAuthorityOptions.LeafCertificateValidity"/>.</param>
    public IssuedCertificate IssueLeafCertificate(string datacenter, string service, TimeSpan? validity = null)
    {
        var san = SubjectAltNames.ForUri(SpiffeIds.Service(TrustDomain, datacenter, service));
        return Issue(service, san, validity ?? _options.LeafCertificateValidity);
    }

    /// <inheritdoc/>
    public void Dispose() => _root.Dispose();

    private IssuedCertificate Issue(string commonName, X509Extension subjectAltName, TimeSpan validity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        var now = TruncateToSeconds(_timeProvider.GetUtcNow());

        // Never outlive the root, never start before it: the platform refuses such chains (and so does .NET here).
        var notBefore = Max(now - _options.ClockSkewAllowance, Root.NotBefore);
        var notAfter = Min(now + validity, Root.NotAfter);
        if (notAfter <= notBefore)
        {
            throw new ParleyException(ErrorCode.FailedPrecondition, $"CA root {Root.ID} has expired; rotate the CA");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ServerAuthOid), new Oid(ClientAuthOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(CertificateEncoding.KeyId(key), false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        request.CertificateExtensions.Add(subjectAltName);

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // and no leading zero byte, so the DER length is stable
        using var certificate = request.Create(_root, notBefore, notAfter, serial);
        return new IssuedCertificate
        {
            CertificatePem = CertificateEncoding.ToPem(certificate),
            PrivateKeyPem = CertificateEncoding.ToPem(key),
            SerialNumber = CertificateEncoding.ColonHex(serial),
            NotBefore = notBefore,
            NotAfter = notAfter,
        };
    }

    // Certificates keep whole seconds; truncating first makes the stored times equal the certificate's.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    // Random, positive and below 2^53 so that JavaScript clients read the JSON number exactly.
    private static ulong NewRootSerial()
    {
        var value = BinaryPrimitives.ReadUInt64BigEndian(RandomNumberGenerator.GetBytes(8)) & ((1UL << 53) - 1);
        return value == 0 ? 1 : value;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
