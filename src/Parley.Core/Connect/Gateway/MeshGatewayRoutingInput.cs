namespace Parley.Core.Connect.Gateway;

/// <summary>What decides a mesh gateway's routes: who this cluster is, what it exports and imports, and whom its servers dial.</summary>
public sealed record MeshGatewayRoutingInput
{
    /// <summary>This cluster's datacenter.</summary>
    public required string Datacenter { get; init; }

    /// <summary>This cluster's trust domain.</summary>
    public required string TrustDomain { get; init; }

    /// <summary>
    /// The <c>mesh</c> entry's <c>Peering.PeerThroughMeshGateways</c>: peering control-plane traffic goes through the
    /// gateways. Only then are the server routes served (Consul).
    /// </summary>
    public bool PeerThroughMeshGateways { get; init; }

    /// <summary>True when some local server is known (with a gRPC TLS port): no server route without one.</summary>
    public bool HasLocalServers { get; init; }

    /// <summary>Exported services with their consumers.</summary>
    public IReadOnlyList<MeshGatewayExport> Exports { get; init; } = [];

    /// <summary>Services imported from peers, with the SNI each exporter asks for.</summary>
    public IReadOnlyList<MeshGatewayImport> Imports { get; init; } = [];

    /// <summary>Peerings this cluster dials.</summary>
    public IReadOnlyList<MeshGatewayPeerServers> PeerServers { get; init; } = [];
}
