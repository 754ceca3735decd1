namespace Parley.Client;

/// <summary>
/// A leaf certificate from <c>/v1/agent/connect/ca/leaf/:service</c> or <c>/v1/agent/connect/ca/leaf-kind/mesh-gateway</c>
/// (Consul's <c>api.LeafCert</c>, plus <see cref="Kind"/>/<see cref="KindURI"/> for a gateway's leaf).
/// </summary>
public sealed record LeafCert
{
    /// <summary>Colon-separated hex of the serial number.</summary>
    public string SerialNumber { get; init; } = "";

    /// <summary>The leaf in PEM followed by the intermediates of the root that signed it (present them all in TLS).</summary>
    public string CertPEM { get; init; } = "";

    /// <summary>The leaf's private key in PEM.</summary>
    public string PrivateKeyPEM { get; init; } = "";

    /// <summary>The service the leaf is for; empty for a gateway's leaf.</summary>
    [OmitEmpty]
    public string? Service { get; init; }

    /// <summary>The service's SPIFFE ID, <c>spiffe://&lt;td&gt;/ns/default/dc/&lt;dc&gt;/svc/&lt;service&gt;</c>.</summary>
    [OmitEmpty]
    public string? ServiceURI { get; init; }

    /// <summary><c>mesh-gateway</c> for a gateway's leaf.</summary>
    [OmitEmpty]
    public string? Kind { get; init; }

    /// <summary>The gateway's SPIFFE ID, <c>spiffe://&lt;td&gt;/gateway/mesh/dc/&lt;dc&gt;</c>.</summary>
    [OmitEmpty]
    public string? KindURI { get; init; }

    public DateTimeOffset ValidAfter { get; init; }

    public DateTimeOffset ValidBefore { get; init; }

    public ulong CreateIndex { get; init; }

    /// <summary>
    /// Moves with every new leaf; pass <see cref="QueryMeta.LastIndex"/> back as <see cref="QueryOptions.Index"/> to wait for the next.
    /// </summary>
    public ulong ModifyIndex { get; init; }
}
