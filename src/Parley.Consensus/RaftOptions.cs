namespace Parley.Consensus;

/// <summary>Settings of this server's Raft participant: where the log lives, how it is reached, and its timings.</summary>
/// <remarks>
/// Bound from the <c>Raft</c> configuration section (see <see cref="SectionName"/>) or set by the agent from its flags.
/// Timings follow DotNext's recommended election window; Consul's own defaults (1 s heartbeat, 1 s election) are
/// tuned for WANs and would make a single dev server take over a second to elect itself.
/// </remarks>
public sealed class RaftOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Raft";

    /// <summary>
    /// The server's data directory. The log, the snapshots and the membership are kept in its <c>raft</c> folder.
    /// Required; there is no default.
    /// </summary>
    public string DataDir { get; set; } = string.Empty;

    /// <summary>
    /// The address the server port listens on, as <c>host:port</c> (an IP literal, <c>[v6]:port</c> or
    /// <c>localhost</c>). Defaults to <c>127.0.0.1:8300</c>.
    /// </summary>
    public string ServerEndpoint { get; set; } = "127.0.0.1:8300";

    /// <summary>
    /// The address other servers reach this one at, as <c>host:port</c>; it is also this server's identity in the
    /// cluster and must stay the same across restarts. Defaults to <see cref="ServerEndpoint"/>, which then must not
    /// be a wildcard address (<c>0.0.0.0</c>, <c>[::]</c>).
    /// </summary>
    public string? AdvertiseEndpoint { get; set; }

    /// <summary>
    /// Start as the single initial voter of a new cluster (Consul's <c>-bootstrap</c>, and what <c>-dev</c> does).
    /// Only takes effect while the data directory holds no membership yet. Defaults to <see langword="false"/>.
    /// </summary>
    public bool Bootstrap { get; set; }

    /// <summary>
    /// How many servers to wait for before bootstrapping (Consul's <c>-bootstrap-expect</c>). <c>1</c> is the same as
    /// <see cref="Bootstrap"/>; <c>0</c> means do not bootstrap, join an existing cluster instead. Defaults to 0.
    /// </summary>
    /// <remarks>
    /// Above 1, the servers find each other through <see cref="RetryJoin"/> (transitively); once this many answer and none
    /// is in a cluster yet, the one with the lowest address bootstraps and the others join it. Ignored once this server
    /// has a persisted membership.
    /// </remarks>
    public int BootstrapExpect { get; set; }

    /// <summary>
    /// Server addresses (<c>host:port</c> of their server port) to join (Consul's <c>-retry-join</c>). Empty by default.
    /// </summary>
    /// <remarks>
    /// Tried every <see cref="RetryJoinInterval"/> until this server is a voter: a server that is in a cluster forwards
    /// the join to its leader, which adds this server. This server's own address may be in the list.
    /// </remarks>
    public List<string> RetryJoin { get; set; } = [];

    /// <summary>How long to wait between rounds of <see cref="RetryJoin"/> attempts. Defaults to 1 second.</summary>
    public TimeSpan RetryJoinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a write may wait for a leader to be elected (or reached) and for its entry to commit before it fails
    /// with "No cluster leader". Defaults to 7 seconds (Consul's <c>rpc_hold_timeout</c>).
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>
    /// The lower bound of the randomised election timeout. Defaults to 500 ms: half of Consul's fastest setting
    /// (<c>raft_multiplier = 1</c>, 1 s), so a leader loss is noticed well within a second, while a follower starved of CPU
    /// for a few hundred milliseconds on a busy machine does not start an election that nothing needed.
    /// </summary>
    public TimeSpan LowerElectionTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The upper bound of the randomised election timeout. Defaults to 1 s.</summary>
    public TimeSpan UpperElectionTimeout { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// The fraction of <see cref="LowerElectionTimeout"/> after which the leader sends a heartbeat. Defaults to 0.5.
    /// </summary>
    public double HeartbeatThreshold { get; set; } = 0.5;

    /// <summary>
    /// How long one server-to-server request may take; also the connect timeout and how long a stopping server lets
    /// open connections finish. Defaults to <see langword="null"/>, which means <see cref="LowerElectionTimeout"/>.
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>
    /// How many applied entries after the last snapshot trigger a new snapshot, after which the log before it is
    /// deleted. Defaults to 16384 (Consul's <c>raft_snapshot_threshold</c>).
    /// </summary>
    public long SnapshotThreshold { get; set; } = 16384;

    /// <summary>
    /// The size in bytes of one log chunk file; fixed once the log exists. Defaults to 1 MiB.
    /// </summary>
    public int LogChunkSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// TLS on the server port (<c>tls.internal_rpc</c>). Null (the default): plain TCP, and whoever reaches the port can
    /// read and append to the log, so it must not be exposed beyond the servers.
    /// </summary>
    public ServerPortTls? Tls { get; set; }

    /// <summary>Whether this server cold-starts a new cluster as its single voter.</summary>
    internal bool ColdStart => Bootstrap || BootstrapExpect == 1;
}
