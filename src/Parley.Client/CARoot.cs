namespace Parley.Client;

/// <summary>One CA root (Consul's <c>api.CARoot</c> with every field the server sends).</summary>
public sealed record CARoot
{
    public string ID { get; init; } = "";

    public string Name { get; init; } = "";

    public ulong SerialNumber { get; init; }

    public string SigningKeyID { get; init; } = "";

    public string ExternalTrustDomain { get; init; } = "";

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    /// <summary>The root certificate in PEM (JSON <c>RootCert</c>, as in Consul's Go client).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("RootCert")]
    public string RootCertPEM { get; init; } = "";

    /// <summary>Intermediates sent with this root's leaves; after a rotation the first is this root cross-signed by the old one.</summary>
    public List<string>? IntermediateCerts { get; init; }

    /// <summary>True for the root that signs new leaves.</summary>
    public bool Active { get; init; }

    public string PrivateKeyType { get; init; } = "";

    public int PrivateKeyBits { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
