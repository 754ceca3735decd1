using System.Text;

namespace Parley.Mesh;

/// <summary>
/// A CA root as the replicated state stores it, private key included. Never return it from the API as is:
/// <see cref="CaRootInfo.From"/> drops the key.
/// </summary>
/// <remarks><see cref="ToString"/> leaves the private key out, so logging a root does not leak it.</remarks>
public sealed record CaRoot
{
    /// <summary>Colon-separated lower-case hex SHA-1 of the certificate's DER bytes (Consul's root ID).</summary>
    public required string ID { get; init; }

    public required string Name { get; init; }

    /// <summary>The root certificate's serial number.</summary>
    public required ulong SerialNumber { get; init; }

    /// <summary>Colon hex of the subject key identifier (SHA-256 of the public key info), as Consul.</summary>
    public required string SigningKeyID { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The certificate in PEM, ending with a newline.</summary>
    public required string RootCert { get; init; }

    /// <summary>The signing key in PEM (<c>EC PRIVATE KEY</c>), ending with a newline.</summary>
    public required string PrivateKey { get; init; }

    /// <summary><c>&lt;cluster-id&gt;.consul</c>.</summary>
    public required string TrustDomain { get; init; }

    /// <summary>True for the root that signs new certificates.</summary>
    public bool Active { get; init; } = true;

    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"ID = {ID}, Name = {Name}, SerialNumber = {SerialNumber}, SigningKeyID = {SigningKeyID}, ");
        builder.Append($"NotBefore = {NotBefore:O}, NotAfter = {NotAfter:O}, TrustDomain = {TrustDomain}, Active = {Active}, ");
        builder.Append($"PrivateKey = [redacted], CreateIndex = {CreateIndex}, ModifyIndex = {ModifyIndex}");
        return true;
    }
}
