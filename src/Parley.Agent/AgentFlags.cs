namespace Parley.Agent;

/// <summary>
/// The command-line flags of <c>parley agent</c>, as parsed by the CLI. A null value means "not given":
/// config files then decide, and after them the defaults. Flags override files.
/// </summary>
public sealed record AgentFlags
{
    public bool Dev { get; init; }
    public bool? Server { get; init; }
    public bool? Bootstrap { get; init; }
    public int? BootstrapExpect { get; init; }
    public string? DataDir { get; init; }
    public string? Datacenter { get; init; }
    public string? NodeName { get; init; }
    public string? BindAddr { get; init; }
    public string? ClientAddr { get; init; }
    public int? HttpPort { get; init; }
    public int? HttpsPort { get; init; }
    public int? GrpcPort { get; init; }
    public int? GrpcTlsPort { get; init; }
    public int? ServerPort { get; init; }
    public int? DnsPort { get; init; }
    public string? LogLevel { get; init; }
    public IReadOnlyList<string> RetryJoin { get; init; } = [];
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];
    public IReadOnlyList<string> ConfigDirs { get; init; } = [];
}
