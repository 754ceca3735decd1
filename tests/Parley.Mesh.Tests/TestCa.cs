using Microsoft.Extensions.Time.Testing;

namespace Parley.Mesh.Tests;

/// <summary>A CA on a fake clock, for tests.</summary>
internal static class TestCa
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static CertificateAuthority Create(TimeProvider clock, string clusterId = "7c3c5f0e-1111-2222-3333-444444444444") =>
        CertificateAuthority.Generate(new CertificateAuthorityOptions { ClusterId = clusterId }, clock);
}
