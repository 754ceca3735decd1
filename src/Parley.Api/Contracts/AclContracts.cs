using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Api.Contracts;

/// <summary>A link to a policy or role, by ID or Name, in a request (Consul's ACLTokenPolicyLink).</summary>
public sealed record AclLinkRequest
{
    public string? ID { get; init; }
    public string? Name { get; init; }
}

/// <summary>The body of <c>PUT /v1/acl/token[/:id]</c>.</summary>
public sealed record AclTokenRequest
{
    public string? AccessorID { get; init; }
    public string? SecretID { get; init; }
    public string? Description { get; init; }
    public List<AclLinkRequest>? Policies { get; init; }
    public List<AclLinkRequest>? Roles { get; init; }
    public List<AclServiceIdentityJson>? ServiceIdentities { get; init; }
    public List<AclNodeIdentityJson>? NodeIdentities { get; init; }
    public bool Local { get; init; }
    public DateTimeOffset? ExpirationTime { get; init; }

    /// <summary>A Go duration (<c>"1h"</c>) or nanoseconds.</summary>
    public JsonElement? ExpirationTTL { get; init; }
}

/// <summary>The body of <c>PUT /v1/acl/policy[/:id]</c>.</summary>
public sealed record AclPolicyRequest
{
    public string? ID { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Rules { get; init; }
    public List<string>? Datacenters { get; init; }
}

/// <summary>The body of <c>PUT /v1/acl/role[/:id]</c>.</summary>
public sealed record AclRoleRequest
{
    public string? ID { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public List<AclLinkRequest>? Policies { get; init; }
    public List<AclServiceIdentityJson>? ServiceIdentities { get; init; }
    public List<AclNodeIdentityJson>? NodeIdentities { get; init; }
}

/// <summary>A policy or role link in an answer.</summary>
public sealed record AclLinkJson(string ID, string Name);

/// <summary>Consul's ServiceIdentity.</summary>
public sealed record AclServiceIdentityJson
{
    public string ServiceName { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? Datacenters { get; init; }
}

/// <summary>Consul's NodeIdentity.</summary>
public sealed record AclNodeIdentityJson
{
    public string NodeName { get; init; } = "";
    public string Datacenter { get; init; } = "";
}

/// <summary>A token as Consul's <c>/v1/acl/token</c> endpoints answer it (structs.ACLToken; key order kept).</summary>
public sealed record AclTokenJson
{
    public required string AccessorID { get; init; }
    public required string SecretID { get; init; }
    public string Description { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclLinkJson>? Policies { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclLinkJson>? Roles { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AclServiceIdentityJson>? ServiceIdentities { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclNodeIdentityJson>? NodeIdentities { get; init; }
    public bool Local { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ExpirationTime { get; init; }

    /// <summary>Nanoseconds, as Go encodes a time.Duration.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? ExpirationTTL { get; init; }
    public required string CreateTime { get; init; }
    public required string Hash { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}

/// <summary>A token in <c>/v1/acl/tokens</c> (structs.ACLTokenListStub).</summary>
public sealed record AclTokenListEntryJson
{
    public required string AccessorID { get; init; }
    public required string SecretID { get; init; }
    public string Description { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclLinkJson>? Policies { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclLinkJson>? Roles { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AclServiceIdentityJson>? ServiceIdentities { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclNodeIdentityJson>? NodeIdentities { get; init; }
    public bool Local { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ExpirationTime { get; init; }
    public required string CreateTime { get; init; }
    public required string Hash { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
    public bool Legacy { get; init; }
}

/// <summary>A policy as <c>/v1/acl/policy</c> answers it.</summary>
public sealed record AclPolicyJson
{
    public required string ID { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Rules { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Datacenters { get; init; }
    public required string Hash { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}

/// <summary>A policy in <c>/v1/acl/policies</c> (no Rules, as Consul's list stub).</summary>
public sealed record AclPolicyListEntryJson
{
    public required string ID { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Datacenters { get; init; }
    public required string Hash { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}

/// <summary>A role as <c>/v1/acl/role</c> and <c>/v1/acl/roles</c> answer it.</summary>
public sealed record AclRoleJson
{
    public required string ID { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclLinkJson>? Policies { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AclServiceIdentityJson>? ServiceIdentities { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AclNodeIdentityJson>? NodeIdentities { get; init; }
    public required string Hash { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}
