namespace Parley.Client;

/// <summary>An ACL role (Consul's <c>api.ACLRole</c>): policies and identities a token can link to by one name.</summary>
public sealed record ACLRole
{
    [OmitEmpty]
    public string? ID { get; init; }

    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    [OmitEmpty]
    public List<ACLLink>? Policies { get; init; }

    [OmitEmpty]
    public List<ACLServiceIdentity>? ServiceIdentities { get; init; }

    [OmitEmpty]
    public List<ACLNodeIdentity>? NodeIdentities { get; init; }

    [OmitEmpty]
    public string? Hash { get; init; }

    [OmitEmpty]
    public long CreateIndex { get; init; }

    [OmitEmpty]
    public long ModifyIndex { get; init; }
}
