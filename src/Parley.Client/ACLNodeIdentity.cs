namespace Parley.Client;

/// <summary>Consul's <c>ACLNodeIdentity</c>.</summary>
public sealed record ACLNodeIdentity
{
    public string NodeName { get; init; } = "";

    public string Datacenter { get; init; } = "";
}
