namespace Parley.Core.Acl;

/// <summary>A stored ACL role: policies and identities that tokens link to by role.</summary>
public sealed record AclRole
{
    public required string ID { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<AclLink> Policies { get; init; } = [];
    public IReadOnlyList<AclServiceIdentity> ServiceIdentities { get; init; } = [];
    public IReadOnlyList<AclNodeIdentity> NodeIdentities { get; init; } = [];
    public string Hash { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}
