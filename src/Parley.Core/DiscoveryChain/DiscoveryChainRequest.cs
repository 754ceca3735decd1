using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>What to compile: the service, where it is evaluated, the entries to read, and the API's overrides.</summary>
public sealed record DiscoveryChainRequest
{
    /// <summary>The service whose chain is compiled.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The caller's namespace. Defaults to <c>default</c>.</summary>
    public string EvaluateInNamespace { get; init; } = "default";

    /// <summary>The caller's partition. Defaults to <c>default</c>.</summary>
    public string EvaluateInPartition { get; init; } = "default";

    /// <summary>The local datacenter (e.g. <c>dc1</c>); local targets are resolved here unless a rule says otherwise.</summary>
    public required string EvaluateInDatacenter { get; init; }

    /// <summary>The cluster's trust domain (<c>&lt;cluster-id&gt;.consul</c>), used in local targets' SNI.</summary>
    public required string EvaluateInTrustDomain { get; init; }

    /// <summary>Mesh gateway mode forced on every target (<c>OverrideMeshGateway</c>); empty for none.</summary>
    public MeshGatewayConfig OverrideMeshGateway { get; init; } = new();

    /// <summary>Protocol forced on the chain (<c>OverrideProtocol</c>); a non-HTTP one drops routers and splitters.</summary>
    public string OverrideProtocol { get; init; } = "";

    /// <summary>Connect timeout forced on every resolver (<c>OverrideConnectTimeout</c>); zero for none.</summary>
    public TimeSpan OverrideConnectTimeout { get; init; }

    /// <summary>The config entries of the snapshot the chain is compiled from.</summary>
    public required IConfigEntryLookup Entries { get; init; }
}
