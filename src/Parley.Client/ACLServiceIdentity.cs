namespace Parley.Client;

/// <summary>Consul's <c>ACLServiceIdentity</c>.</summary>
public sealed record ACLServiceIdentity
{
    public string ServiceName { get; init; } = "";

    [OmitEmpty]
    public List<string>? Datacenters { get; init; }
}
