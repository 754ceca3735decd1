namespace Parley.Mesh.Leaf;

/// <summary>
/// A leaf certificate the agent holds for a service or its mesh gateway: the <c>IssuedCert</c> the leaf endpoints serve.
/// </summary>
public sealed record LeafCertificate
{
    /// <summary>Colon-separated hex of the serial number.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The leaf followed by every intermediate of the root that signed it (after a rotation: the cross-signed root).</summary>
    public required string CertPem { get; init; }

    /// <summary>The leaf's EC P-256 key (<c>EC PRIVATE KEY</c>).</summary>
    public required string PrivateKeyPem { get; init; }

    /// <summary>The service name; empty for a mesh gateway's leaf.</summary>
    public string Service { get; init; } = "";

    /// <summary>The service's SPIFFE ID; empty for a mesh gateway's leaf.</summary>
    public string ServiceUri { get; init; } = "";

    /// <summary><c>mesh-gateway</c> for a gateway's leaf; empty for a service's.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The gateway's SPIFFE ID; empty for a service's leaf.</summary>
    public string KindUri { get; init; } = "";

    public required DateTimeOffset ValidAfter { get; init; }

    public required DateTimeOffset ValidBefore { get; init; }

    /// <summary>The ID of the root that signed it.</summary>
    public required string RootId { get; init; }

    /// <summary>Increases with every leaf the agent issues for the same key; the blocking index.</summary>
    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"SerialNumber = {SerialNumber}, Service = {Service}, Kind = {Kind}, ValidAfter = {ValidAfter:O}, ");
        builder.Append($"ValidBefore = {ValidBefore:O}, RootId = {RootId}, ModifyIndex = {ModifyIndex}, PrivateKeyPem = [redacted]");
        return true;
    }
}
