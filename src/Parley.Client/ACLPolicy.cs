namespace Parley.Client;

/// <summary>An ACL policy (Consul's <c>api.ACLPolicy</c>).</summary>
public sealed record ACLPolicy
{
    [OmitEmpty]
    public string? ID { get; init; }

    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    public string Rules { get; init; } = "";

    [OmitEmpty]
    public List<string>? Datacenters { get; init; }

    [OmitEmpty]
    public string? Hash { get; init; }

    [OmitEmpty]
    public long CreateIndex { get; init; }

    [OmitEmpty]
    public long ModifyIndex { get; init; }
}
