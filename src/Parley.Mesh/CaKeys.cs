using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh;

/// <summary>
/// CA signing keys of the types Consul's built-in CA supports: EC on NIST P-224, P-256, P-384 or P-521, and RSA with
/// 2048 or 4096 bits. PEMs are written as Consul writes them (SEC 1 <c>EC PRIVATE KEY</c>, PKCS#1 <c>RSA PRIVATE KEY</c>).
/// </summary>
public static class CaKeys
{
    /// <summary>Consul's <c>PrivateKeyType</c> for elliptic-curve keys.</summary>
    public const string Ec = "ec";

    /// <summary>Consul's <c>PrivateKeyType</c> for RSA keys.</summary>
    public const string Rsa = "rsa";

    // .NET names only P-256, P-384 and P-521; P-224 (secp224r1) is reached by its OID, which OpenSSL supports.
    private const string P224Oid = "1.3.132.0.33";

    /// <summary>A new key of the given type and size.</summary>
    /// <exception cref="ArgumentException">A type or size Consul does not support.</exception>
    public static AsymmetricAlgorithm Generate(string type, int bits) => (type, bits) switch
    {
        (Ec, 224) => ECDsa.Create(ECCurve.CreateFromValue(P224Oid)),
        (Ec, 256) => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        (Ec, 384) => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        (Ec, 521) => ECDsa.Create(ECCurve.NamedCurves.nistP521),
        (Rsa, 2048 or 4096) => RSA.Create(bits),
        _ => throw new ArgumentException($"unsupported CA key: {type} {bits}", nameof(type)),
    };

    /// <summary>
    /// Reads a private key PEM: <c>EC PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c> or PKCS#8 <c>PRIVATE KEY</c> (what
    /// Consul's <c>ParseSigner</c> accepts).
    /// </summary>
    /// <exception cref="CryptographicException">No private key of a supported type could be read.</exception>
    public static AsymmetricAlgorithm FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new CryptographicException("no PEM-encoded data found");
        }

        var label = pem[fields.Label];
        switch (label)
        {
            case "EC PRIVATE KEY":
                return Import(ECDsa.Create(), pem);
            case "RSA PRIVATE KEY":
                return Import(RSA.Create(), pem);
            case "PRIVATE KEY":
                try
                {
                    return Import(ECDsa.Create(), pem);
                }
                catch (CryptographicException)
                {
                    return Import(RSA.Create(), pem);
                }

            default:
                throw new CryptographicException($"unknown PEM block type for signing key: {label}");
        }
    }

    /// <summary>The key as Consul writes it, ending with a newline.</summary>
    public static string ToPem(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => ec.ExportECPrivateKeyPem() + "\n",
        RSA rsa => rsa.ExportRSAPrivateKeyPem() + "\n",
        _ => throw new ArgumentException($"unsupported key {key.GetType().Name}", nameof(key)),
    };

    /// <summary>Consul's <c>PrivateKeyType</c> and <c>PrivateKeyBits</c> of a key.</summary>
    public static (string Type, int Bits) Describe(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => (Ec, ec.KeySize),
        RSA rsa => (Rsa, rsa.KeySize),
        _ => throw new ArgumentException($"unsupported key {key.GetType().Name}", nameof(key)),
    };

    /// <summary>Consul's key id: SHA-256 of the DER subject public key info.</summary>
    public static byte[] KeyId(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Signs with <paramref name="key"/> (SHA-256, PKCS#1 v1.5 for RSA, as Consul's <c>SigAlgoForKey</c>).</summary>
    public static X509SignatureGenerator Signer(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentException($"unsupported key {key.GetType().Name}", nameof(key)),
    };

    /// <summary>The certificate with <paramref name="key"/> attached.</summary>
    /// <exception cref="ArgumentException">The key is not the certificate's.</exception>
    public static X509Certificate2 Attach(X509Certificate2 certificate, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => certificate.CopyWithPrivateKey(ec),
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        _ => throw new ArgumentException($"unsupported key {key.GetType().Name}", nameof(key)),
    };

    private static AsymmetricAlgorithm Import(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
