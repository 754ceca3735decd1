using System.Text.Json.Serialization;

namespace Parley.Mesh;

/// <summary>One entry of <c>GET /v1/connect/ca/roots</c>: Consul's <c>CARoot</c> without the private key.</summary>
public sealed record CaRootInfo
{
    [JsonPropertyName("ID")]
    public required string ID { get; init; }

    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("SerialNumber")]
    public required ulong SerialNumber { get; init; }

    [JsonPropertyName("SigningKeyID")]
    public required string SigningKeyID { get; init; }

    /// <summary>The cluster id (the trust domain without <c>.consul</c>).</summary>
    [JsonPropertyName("ExternalTrustDomain")]
    public required string ExternalTrustDomain { get; init; }

    /// <summary>UTC; serialized as RFC 3339 with <c>Z</c>, as Go writes times.</summary>
    [JsonPropertyName("NotBefore")]
    public required DateTime NotBefore { get; init; }

    [JsonPropertyName("NotAfter")]
    public required DateTime NotAfter { get; init; }

    [JsonPropertyName("RootCert")]
    public required string RootCert { get; init; }

    /// <summary>
    /// PEMs that go after every leaf this root signs (after a rotation: this root cross-signed by the previous one);
    /// <see langword="null"/> when there are none, as Consul writes a nil list.
    /// </summary>
    [JsonPropertyName("IntermediateCerts")]
    public IReadOnlyList<string>? IntermediateCerts { get; init; }

    [JsonPropertyName("Active")]
    public bool Active { get; init; }

    [JsonPropertyName("PrivateKeyType")]
    public string PrivateKeyType { get; init; } = "ec";

    [JsonPropertyName("PrivateKeyBits")]
    public int PrivateKeyBits { get; init; } = 256;

    [JsonPropertyName("CreateIndex")]
    public long CreateIndex { get; init; }

    [JsonPropertyName("ModifyIndex")]
    public long ModifyIndex { get; init; }

    /// <summary>The public view of a stored root.</summary>
    public static CaRootInfo From(CaRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new CaRootInfo
        {
            ID = root.ID,
            Name = root.Name,
            SerialNumber = root.SerialNumber,
            SigningKeyID = root.SigningKeyID,
            ExternalTrustDomain = MeshNames.ClusterIdOf(root.TrustDomain),
            NotBefore = root.NotBefore.UtcDateTime,
            NotAfter = root.NotAfter.UtcDateTime,
            RootCert = root.RootCert,
            IntermediateCerts = root.IntermediateCerts.Count == 0 ? null : root.IntermediateCerts,
            Active = root.Active,
            PrivateKeyType = root.PrivateKeyType,
            PrivateKeyBits = root.PrivateKeyBits,
            CreateIndex = root.CreateIndex,
            ModifyIndex = root.ModifyIndex,
        };
    }
}
