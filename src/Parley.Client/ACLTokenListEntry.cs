namespace Parley.Client;

/// <summary>A token in <c>/v1/acl/tokens</c> (Consul's <c>api.ACLTokenListEntry</c>).</summary>
public sealed record ACLTokenListEntry
{
    public string AccessorID { get; init; } = "";
    public string SecretID { get; init; } = "";
    public string Description { get; init; } = "";
    public List<ACLLink>? Policies { get; init; }
    public List<ACLLink>? Roles { get; init; }
    public List<ACLServiceIdentity>? ServiceIdentities { get; init; }
    public List<ACLNodeIdentity>? NodeIdentities { get; init; }
    public bool Local { get; init; }
    public DateTimeOffset? ExpirationTime { get; init; }
    public DateTimeOffset CreateTime { get; init; }
    public string Hash { get; init; } = "";
    public bool Legacy { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}
