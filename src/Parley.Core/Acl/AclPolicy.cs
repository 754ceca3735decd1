namespace Parley.Core.Acl;

/// <summary>A stored ACL policy: a named set of rules (<see cref="Rules"/> is the text as written, HCL or JSON).</summary>
public sealed record AclPolicy
{
    public required string ID { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Rules { get; init; } = "";
    public IReadOnlyList<string> Datacenters { get; init; } = [];
    public string Hash { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}
