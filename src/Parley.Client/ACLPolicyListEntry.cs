namespace Parley.Client;

/// <summary>A policy in <c>/v1/acl/policies</c> (Consul's <c>api.ACLPolicyListEntry</c>, without Rules).</summary>
public sealed record ACLPolicyListEntry
{
    public string ID { get; init; } = "";
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public List<string>? Datacenters { get; init; }
    public string Hash { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}
