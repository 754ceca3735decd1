namespace Parley.Core.Peering.Doctor;

/// <summary>What <see cref="PeeringDoctor"/> judges, gathered by the API from one snapshot and the leader's stream view.</summary>
public sealed record DoctorFacts
{
    /// <summary>This cluster's name for the peer.</summary>
    public required string PeerName { get; init; }

    /// <summary>The reported state here (ACTIVE, FAILING, EXPIRED, ...); null when no such peering exists.</summary>
    public string? State { get; init; }

    /// <summary>
    /// Why the last establish of this name on the server asked was refused (e.g. a TLS error against the token's CA), when
    /// no peering exists; null when none was refused.
    /// </summary>
    public string? LastEstablishError { get; init; }

    /// <summary>Whether the stream is healthy (Parley's <c>StreamStatus.Healthy</c>).</summary>
    public bool StreamHealthy { get; init; }

    /// <summary>The stream's last error, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>Whether the peer's trust bundle (its CA roots) is stored here.</summary>
    public bool TrustBundle { get; init; }

    /// <summary>The service followed; null: only the peering is checked.</summary>
    public string? Service { get; init; }

    /// <summary>Local instances of the service (this cluster exports it).</summary>
    public int Instances { get; init; }

    /// <summary>Local instances whose checks all pass.</summary>
    public int PassingInstances { get; init; }

    /// <summary>Instances of the service imported here from the peer (this cluster consumes it).</summary>
    public int ImportedInstances { get; init; }

    /// <summary>Imported instances whose checks all pass.</summary>
    public int ImportedPassing { get; init; }

    /// <summary>The peers the <c>exported-services</c> entry exports the service to (names, <c>*</c> for all).</summary>
    public IReadOnlyList<string> ExportedTo { get; init; } = [];

    /// <summary>Local sidecar proxies of the service (or connect-native instances).</summary>
    public int Sidecars { get; init; }

    /// <summary>Imported synthetic sidecars of the service (the peer's way in through its mesh gateways).</summary>
    public int ImportedSidecars { get; init; }

    /// <summary>Whether the stream reports the service sent to the peer (<c>StreamStatus.ExportedServices</c>).</summary>
    public bool SentToPeer { get; init; }

    /// <summary>Whether an intention (or the default policy) admits callers from the peer; with why.</summary>
    public bool IntentionAllows { get; init; }

    /// <summary>What decided the intention step (the intention's source, or the default policy).</summary>
    public string IntentionDetail { get; init; } = "";

    /// <summary>Mesh gateways registered in this cluster.</summary>
    public int LocalMeshGateways { get; init; }
}
