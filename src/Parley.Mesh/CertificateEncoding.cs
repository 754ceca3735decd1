using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh;

/// <summary>PEM, colon-hex and key-id helpers shared by the CA and its tests.</summary>
public static class CertificateEncoding
{
    /// <summary>The certificate as PEM ending with a newline (Consul forces the trailing newline).</summary>
    public static string ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PemEncoding.WriteString("CERTIFICATE", certificate.RawData) + "\n";
    }

    /// <summary>The key as SEC 1 PEM (<c>EC PRIVATE KEY</c>, as Consul writes it), ending with a newline.</summary>
    public static string ToPem(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportECPrivateKeyPem() + "\n";
    }

    /// <summary>Reads the first certificate of a PEM text.</summary>
    /// <exception cref="CryptographicException">No certificate could be read.</exception>
    public static X509Certificate2 CertificateFromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return X509Certificate2.CreateFromPem(pem);
    }

    /// <summary>Lower-case hex bytes joined by colons, e.g. <c>c7:bd:55</c> (Consul's <c>HexString</c>).</summary>
    public static string ColonHex(ReadOnlySpan<byte> bytes) =>
        string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Consul's root ID: colon hex of the SHA-1 of the certificate's DER bytes.</summary>
    public static string Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
#pragma warning disable CA5350 // An identifier Consul clients already see, not a security check.
        return ColonHex(SHA1.HashData(certificate.RawData));
#pragma warning restore CA5350
    }
}
