using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core;

namespace Parley.Mesh;

/// <summary>
/// The built-in CA: a self-signed root per cluster (EC P-256 by default; any key Consul's built-in CA supports), trust
/// domain <c>&lt;cluster-id&gt;.consul</c>, signing peering server certificates and SPIFFE leaf certificates directly
/// with the root key (no intermediate CA), and cross-signing the next root when the CA rotates.
/// </summary>
/// <remarks>
/// Generating a root is random and reads the clock, so it happens on one server before a command is written; the
/// resulting <see cref="CaRoot"/> (PEMs included) is what replicates, and every server rebuilds the same CA from it
/// with <see cref="Load"/>. Issuing is thread-safe.
/// </remarks>
public sealed partial class CertificateAuthority : IDisposable
{
    /// <summary>The name Parley gives its roots (Consul's built-in CA says "Consul CA Primary Cert").</summary>
    public const string RootName = "Parley CA Primary Cert";

    private readonly X509Certificate2 _certificate;
    private readonly AsymmetricAlgorithm _key;
    private readonly byte[] _keyId;
    private readonly CertificateAuthorityOptions _options;
    private readonly TimeProvider _timeProvider;

    private CertificateAuthority(
        CaRoot root, X509Certificate2 certificate, AsymmetricAlgorithm key, CertificateAuthorityOptions options, TimeProvider timeProvider)
    {
        Root = root;
        _certificate = certificate;
        _key = key;
        _keyId = CaKeys.KeyId(key);
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The root as stored in the replicated state.</summary>
    public CaRoot Root { get; }

    /// <summary><c>&lt;cluster-id&gt;.consul</c>.</summary>
    public string TrustDomain => Root.TrustDomain;

    /// <summary>The cluster UUID.</summary>
    public string ClusterId => MeshNames.ClusterIdOf(Root.TrustDomain);

    /// <summary>
    /// Generates a root key (<see cref="CertificateAuthorityOptions.PrivateKeyType"/>, <see
    /// cref="CertificateAuthorityOptions.PrivateKeyBits"/>)
    /// and its self-signed certificate.
    /// </summary>
    public static CertificateAuthority Generate(CertificateAuthorityOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = CaKeys.Generate(options.PrivateKeyType, options.PrivateKeyBits);
        try
        {
            return FromKey(key, options, timeProvider);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A CA from an operator's key (Consul's <c>PrivateKey</c>) and, optionally, its root certificate (<c>RootCert</c>);
    /// without a certificate one is made for the key, as for a generated root.
    /// </summary>
    /// <exception cref="ParleyException">The key or certificate does not parse, does not match, or is not a CA certificate.</exception>
    public static CertificateAuthority Import(
        string privateKeyPem,
        string? rootCertPem,
        CertificateAuthorityOptions options,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        ArgumentNullException.ThrowIfNull(options);
        AsymmetricAlgorithm key;
        try
        {
            key = CaKeys.FromPem(privateKeyPem);
        }
        catch (CryptographicException e)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, $"error parsing private key: {e.Message}", e);
        }

        try
        {
            if (string.IsNullOrWhiteSpace(rootCertPem))
            {
                return FromKey(key, options, timeProvider);
            }

            using var certificate = ReadCertificate(rootCertPem, "root cert");
            if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                throw new ParleyException(ErrorCode.InvalidArgument, "error parsing root cert: the certificate is not a CA certificate");
            }

            var withKey = AttachOrThrow(certificate, key, "the private key does not match the root cert");
            var (type, bits) = CaKeys.Describe(key);
            var trustDomain = MeshNames.TrustDomain(
                string.IsNullOrEmpty(options.ClusterId) ? Guid.NewGuid().ToString() : options.ClusterId);
            var root = new CaRoot
            {
                ID = CertificateEncoding.Fingerprint(withKey),
                Name = RootName,
                SerialNumber = SerialOf(withKey),
                SigningKeyID = CertificateEncoding.ColonHex(CaKeys.KeyId(key)),
                NotBefore = new DateTimeOffset(withKey.NotBefore.ToUniversalTime()),
                NotAfter = new DateTimeOffset(withKey.NotAfter.ToUniversalTime()),
                RootCert = CertificateEncoding.ToPem(withKey),
                PrivateKey = CaKeys.ToPem(key),
                TrustDomain = trustDomain,
                PrivateKeyType = type,
                PrivateKeyBits = bits,
            };
            return new CertificateAuthority(root, withKey, key, options, timeProvider);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Rebuilds the CA from a stored root (certificate and key PEMs).</summary>
    /// <exception cref="ParleyException">The PEMs do not parse, or the key is not the certificate's.</exception>
    public static CertificateAuthority Load(CaRoot root, TimeProvider timeProvider, CertificateAuthorityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(timeProvider);
        AsymmetricAlgorithm? key = null;
        try
        {
            key = CaKeys.FromPem(root.PrivateKey);
            using var certificate = CertificateEncoding.CertificateFromPem(root.RootCert);
            var withKey = CaKeys.Attach(certificate, key);
            return new CertificateAuthority(root, withKey, key, options ?? new CertificateAuthorityOptions(), timeProvider);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key?.Dispose();
            throw new ParleyException(ErrorCode.InvalidArgument, $"CA root {root.ID} cannot be loaded: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    private static CertificateAuthority FromKey(AsymmetricAlgorithm key, CertificateAuthorityOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var clusterId = string.IsNullOrEmpty(options.ClusterId) ? Guid.NewGuid().ToString() : options.ClusterId;
        var trustDomain = MeshNames.TrustDomain(clusterId);
        var now = TruncateToSeconds(timeProvider.GetUtcNow());
        var notBefore = now - options.ClockSkewAllowance;
        var notAfter = now + options.RootValidity;
        var serial = NewRootSerial();
        var keyId = CaKeys.KeyId(key);

        var request = NewRequest(new X500DistinguishedName($"CN=Parley CA {serial}"), key.ExportSubjectPublicKeyInfo());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(keyId, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(keyId));
        request.CertificateExtensions.Add(SubjectAltNames.ForUri(SpiffeIds.Signing(trustDomain)));

        var serialBytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(serialBytes, serial);
        using var unsigned = request.Create(request.SubjectName, CaKeys.Signer(key), notBefore, notAfter, serialBytes);
        var withKey = CaKeys.Attach(unsigned, key);
        var (type, bits) = CaKeys.Describe(key);
        var root = new CaRoot
        {
            ID = CertificateEncoding.Fingerprint(withKey),
            Name = RootName,
            SerialNumber = serial,
            SigningKeyID = CertificateEncoding.ColonHex(keyId),
            NotBefore = notBefore,
            NotAfter = notAfter,
            RootCert = CertificateEncoding.ToPem(withKey),
            PrivateKey = CaKeys.ToPem(key),
            TrustDomain = trustDomain,
            Active = true,
            PrivateKeyType = type,
            PrivateKeyBits = bits,
        };
        return new CertificateAuthority(root, withKey, key, options, timeProvider);
    }

    // A request over a public key only: the signature comes from a separate generator, so any CA key type signs any subject key.
    private static CertificateRequest NewRequest(X500DistinguishedName subject, byte[] subjectPublicKeyInfo) =>
        new(subject, PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _), HashAlgorithmName.SHA256);

    private static X509Certificate2 ReadCertificate(string pem, string what)
    {
        try
        {
            return CertificateEncoding.CertificateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, $"error parsing {what}: {e.Message}", e);
        }
    }

    private static X509Certificate2 AttachOrThrow(X509Certificate2 certificate, AsymmetricAlgorithm key, string mismatch)
    {
        try
        {
            return CaKeys.Attach(certificate, key);
        }
        catch (ArgumentException e)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, mismatch, e);
        }
    }

    private static ulong SerialOf(X509Certificate2 certificate)
    {
        var bytes = certificate.GetSerialNumber(); // little-endian
        ulong value = 0;
        for (var i = Math.Min(bytes.Length, 8) - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
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
