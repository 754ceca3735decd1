using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh;

/// <summary>When to replace an issued certificate: past half of its lifetime, or close to expiry.</summary>
public static class CertificateRotation
{
    /// <summary>Rotate at the latest this long before expiry, even when half the lifetime has not passed: 1 hour.</summary>
    public static readonly TimeSpan ExpiryThreshold = TimeSpan.FromHours(1);

    /// <summary>The instant from which <see cref="ShouldRotate(DateTimeOffset, DateTimeOffset, DateTimeOffset)"/> says yes.</summary>
    public static DateTimeOffset RotateAt(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var half = notBefore + ((notAfter - notBefore) / 2);
        var threshold = notAfter - ExpiryThreshold;
        return half < threshold ? half : threshold;
    }

    /// <summary>True once half of the lifetime has passed or the certificate is within an hour of expiry (or expired).</summary>
    public static bool ShouldRotate(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now) =>
        now >= RotateAt(notBefore, notAfter);

    /// <summary>As <see cref="ShouldRotate(DateTimeOffset, DateTimeOffset, DateTimeOffset)"/>, for a loaded certificate.</summary>
    public static bool ShouldRotate(X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return ShouldRotate(
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            now);
    }

    /// <summary>
    /// As <see cref="ShouldRotate(X509Certificate2, DateTimeOffset)"/>, reading the time from <paramref name="timeProvider"/>.
    /// </summary>
    public static bool ShouldRotate(X509Certificate2 certificate, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return ShouldRotate(certificate, timeProvider.GetUtcNow());
    }
}
