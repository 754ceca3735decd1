using Parley.Api.Contracts;
using Parley.Core.Acl;
using Parley.Core.Go;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary>
/// Stored ACL rows to Consul's JSON; links show the linked object's current name, and links to deleted ones are left out.
/// </summary>
internal static class AclJson
{
    public static AclTokenJson Token(AclToken t, StateSnapshot s) => new()
    {
        AccessorID = t.AccessorID,
        SecretID = t.SecretID,
        Description = t.Description,
        Policies = PolicyLinks(t.Policies, s),
        Roles = RoleLinks(t.Roles, s),
        ServiceIdentities = Services(t.ServiceIdentities),
        NodeIdentities = Nodes(t.NodeIdentities),
        Local = t.Local,
        ExpirationTime = GoTime.FormatOrNull(t.ExpirationTime),
        ExpirationTTL = t.ExpirationTTL is { } ttl ? ttl.Ticks * 100 : null,
        CreateTime = GoTime.Format(t.CreateTime),
        Hash = t.Hash,
        CreateIndex = t.CreateIndex,
        ModifyIndex = t.ModifyIndex,
    };

    public static AclTokenListEntryJson TokenStub(AclToken t, StateSnapshot s) => new()
    {
        AccessorID = t.AccessorID,
        SecretID = t.SecretID,
        Description = t.Description,
        Policies = PolicyLinks(t.Policies, s),
        Roles = RoleLinks(t.Roles, s),
        ServiceIdentities = Services(t.ServiceIdentities),
        NodeIdentities = Nodes(t.NodeIdentities),
        Local = t.Local,
        ExpirationTime = GoTime.FormatOrNull(t.ExpirationTime),
        CreateTime = GoTime.Format(t.CreateTime),
        Hash = t.Hash,
        CreateIndex = t.CreateIndex,
        ModifyIndex = t.ModifyIndex,
    };

    public static AclPolicyJson Policy(AclPolicy p) => new()
    {
        ID = p.ID,
        Name = p.Name,
        Description = p.Description,
        Rules = p.Rules,
        Datacenters = p.Datacenters.Count == 0 ? null : p.Datacenters,
        Hash = p.Hash,
        CreateIndex = p.CreateIndex,
        ModifyIndex = p.ModifyIndex,
    };

    public static AclPolicyListEntryJson PolicyStub(AclPolicy p) => new()
    {
        ID = p.ID,
        Name = p.Name,
        Description = p.Description,
        Datacenters = p.Datacenters.Count == 0 ? null : p.Datacenters,
        Hash = p.Hash,
        CreateIndex = p.CreateIndex,
        ModifyIndex = p.ModifyIndex,
    };

    public static AclRoleJson Role(AclRole r, StateSnapshot s) => new()
    {
        ID = r.ID,
        Name = r.Name,
        Description = r.Description,
        Policies = PolicyLinks(r.Policies, s),
        ServiceIdentities = Services(r.ServiceIdentities),
        NodeIdentities = Nodes(r.NodeIdentities),
        Hash = r.Hash,
        CreateIndex = r.CreateIndex,
        ModifyIndex = r.ModifyIndex,
    };

    private static List<AclLinkJson>? PolicyLinks(IReadOnlyList<AclLink> links, StateSnapshot s) =>
        NullIfEmpty([.. links.Select(l => s.GetAclPolicy(l.ID)).OfType<AclPolicy>().Select(p => new AclLinkJson(p.ID, p.Name))]);

    private static List<AclLinkJson>? RoleLinks(IReadOnlyList<AclLink> links, StateSnapshot s) =>
        NullIfEmpty([.. links.Select(l => s.GetAclRole(l.ID)).OfType<AclRole>().Select(r => new AclLinkJson(r.ID, r.Name))]);

    private static List<AclServiceIdentityJson>? Services(IReadOnlyList<AclServiceIdentity> identities)
        => NullIfEmpty([.. identities.Select(i =>
        new AclServiceIdentityJson { ServiceName = i.ServiceName, Datacenters = i.Datacenters is { Count: > 0 } dcs ? [.. dcs] : null })]);

    private static List<AclNodeIdentityJson>? Nodes(IReadOnlyList<AclNodeIdentity> identities) =>
        NullIfEmpty([.. identities.Select(i => new AclNodeIdentityJson { NodeName = i.NodeName, Datacenter = i.Datacenter })]);

    private static List<T>? NullIfEmpty<T>(List<T> list) => list.Count == 0 ? null : list;
}
