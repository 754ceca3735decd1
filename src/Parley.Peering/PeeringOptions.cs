namespace Parley.Peering;

/// <summary>Settings of the peering subsystem, set by the agent from its configuration.</summary>
public sealed class PeeringOptions
{
    /// <summary><c>peering { enabled }</c>. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>connect { enabled }</c>; generating tokens needs it. Defaults to true.</summary>
    public bool ConnectEnabled { get; set; } = true;

    /// <summary>This cluster's datacenter.</summary>
    public string Datacenter { get; set; } = "dc1";

    /// <summary>Whether this server has a gRPC TLS port (peering needs one). Defaults to true.</summary>
    public bool GrpcTlsEnabled { get; set; } = true;

    /// <summary>How often each side sends a heartbeat. Defaults to 15 seconds (Consul's).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long without a heartbeat before a stream is considered dead. Defaults to 2 minutes (Consul's).</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <c>peering { token_ttl }</c> (a Parley addition): how long a generated token is accepted when the request names no
    /// <c>ExpiresIn</c>. Defaults to null: tokens never expire, as Consul's.
    /// </summary>
    public TimeSpan? TokenTtl { get; set; }

    /// <summary>Largest batch of imported nodes deleted per Raft write during cleanup. Defaults to 256.</summary>
    public int DeletionBatchSize { get; set; } = 256;

    /// <summary>
    /// The byte budget of one message carrying a service's instances; a larger service is sent in pages. Defaults to
    /// 1 MiB, well under the 4 MiB no peer-stream message may exceed.
    /// </summary>
    public int ExportPageBytes { get; set; } = Export.ExportPager.DefaultPageBytes;

    /// <summary>The total time establish spends retrying the secret exchange. Defaults to 3 seconds (Consul's).</summary>
    public TimeSpan ExchangeBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long establish waits before exchanging the secret through local mesh gateways, so they can learn the route to
    /// the peer's servers from the peering it has just written. Defaults to 1 second (Consul's <c>meshGatewayWait</c>).
    /// </summary>
    public TimeSpan MeshGatewayWait { get; set; } = TimeSpan.FromSeconds(1);
}
