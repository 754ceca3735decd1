using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh;

/// <summary>A certificate the CA issued, with its private key, both as PEM.</summary>
public sealed record IssuedCertificate
{
    /// <summary>The certificate in PEM, ending with a newline.</summary>
    public required string CertificatePem { get; init; }

    /// <summary>The certificate's key in PEM (<c>EC PRIVATE KEY</c>), ending with a newline.</summary>
    public required string PrivateKeyPem { get; init; }

    /// <summary>Colon hex of the serial number.</summary>
    public required string SerialNumber { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>
    /// The certificate with its private key, ready for Kestrel or SslStream. The caller disposes it.
    /// </summary>
    /// <remarks>
    /// Goes through PKCS#12 so the key is a persisted one; Windows' TLS stack refuses ephemeral keys.
    /// </remarks>
    public X509Certificate2 ToX509Certificate2()
    {
        using var ephemeral = X509Certificate2.CreateFromPem(CertificatePem, PrivateKeyPem);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>The certificate without its key. The caller disposes it.</summary>
    public X509Certificate2 ToPublicCertificate() => CertificateEncoding.CertificateFromPem(CertificatePem);

    /// <summary>Whether the certificate should be replaced at <paramref name="now"/> (see <see cref="CertificateRotation"/>).</summary>
    public bool ShouldRotate(DateTimeOffset now) => CertificateRotation.ShouldRotate(NotBefore, NotAfter, now);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"SerialNumber = {SerialNumber}, NotBefore = {NotBefore:O}, NotAfter = {NotAfter:O}, PrivateKeyPem = [redacted]");
        return true;
    }
}
