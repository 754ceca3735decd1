namespace Parley.Mesh.Tests;

public sealed class CertificateRotationTests
{
    private static readonly DateTimeOffset NotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ShouldRotate_BeforeHalfLife_IsFalse()
    {
        var notAfter = NotBefore.AddHours(72);

        Assert.False(CertificateRotation.ShouldRotate(NotBefore, notAfter, NotBefore.AddHours(35.9)));
    }

    [Fact]
    public void ShouldRotate_AtHalfLife_IsTrue()
    {
        var notAfter = NotBefore.AddHours(72);

        Assert.True(CertificateRotation.ShouldRotate(NotBefore, notAfter, NotBefore.AddHours(36)));
    }

    [Fact]
    public void ShouldRotate_ShortLivedCertificate_RotatesAnHourBeforeExpiry()
    {
        // Half of 90 minutes is 45; an hour before expiry (30 minutes in) comes first.
        var notAfter = NotBefore.AddMinutes(90);

        Assert.Equal(NotBefore.AddMinutes(30), CertificateRotation.RotateAt(NotBefore, notAfter));
        Assert.False(CertificateRotation.ShouldRotate(NotBefore, notAfter, NotBefore.AddMinutes(29)));
        Assert.True(CertificateRotation.ShouldRotate(NotBefore, notAfter, NotBefore.AddMinutes(30)));
    }

    [Fact]
    public void ShouldRotate_Expired_IsTrue()
    {
        Assert.True(CertificateRotation.ShouldRotate(NotBefore, NotBefore.AddHours(1), NotBefore.AddHours(2)));
    }

    [Fact]
    public void ShouldRotate_IssuedCertificateOnFakeClock_FollowsTheClock()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        var issued = ca.IssueServerCertificate("dc1");
        using var cert = issued.ToPublicCertificate();

        Assert.False(CertificateRotation.ShouldRotate(cert, clock));
        clock.Advance(TimeSpan.FromHours(36));
        Assert.True(CertificateRotation.ShouldRotate(cert, clock));
        Assert.True(issued.ShouldRotate(clock.GetUtcNow()));
    }
}
