namespace Parley.Core.PreparedQueries;

/// <summary>One failover target: a peer or a datacenter (Consul's <c>QueryFailoverTarget</c>).</summary>
public sealed record QueryFailoverTarget
{
    public string Peer { get; init; } = "";

    public string Datacenter { get; init; } = "";
}
