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

    /// <summary>
    /// The signing key in PEM (<c>EC PRIVATE KEY</c> or <c>RSA PRIVATE KEY</c>, as Consul writes them), ending with a newline.
    /// </summary>
    public required string PrivateKey { get; init; }

    /// <summary>
    /// PEMs sent after every leaf this root signs. After a rotation the first is this root cross-signed by the
    /// previous one, so a peer or proxy that only knows the old root still accepts the new leaves.
    /// </summary>
    public IReadOnlyList<string> IntermediateCerts { get; init; } = [];

    /// <summary><c>ec</c> or <c>rsa</c>.</summary>
    public string PrivateKeyType { get; init; } = "ec";

    /// <summary>The key size: 224, 256, 384 or 521 for EC; 2048 or 4096 for RSA.</summary>
    public int PrivateKeyBits { get; init; } = 256;

    /// <summary>When this root stopped being the active one; null while it is active. Not in the API (Consul's <c>json:"-"</c>).</summary>
    public DateTimeOffset? RotatedOutAt { get; init; }

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
        builder.Append(
            $"PrivateKeyType = {PrivateKeyType}, PrivateKeyBits = {PrivateKeyBits}, IntermediateCerts = {IntermediateCerts.Count}, ");
        builder.Append($"RotatedOutAt = {RotatedOutAt:O}, ");
        builder.Append($"PrivateKey = [redacted], CreateIndex = {CreateIndex}, ModifyIndex = {ModifyIndex}");
        return true;
    }
}
