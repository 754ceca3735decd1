namespace Parley.Api;

/// <summary>Facts about the local agent that handlers report: its node, datacenter, addresses and ports.</summary>
public sealed record AgentInfo
{
    public required string NodeName { get; init; }
    public required string NodeId { get; init; }
    public required string Datacenter { get; init; }
    public required string AdvertiseAddress { get; init; }
    public bool Server { get; init; } = true;
    public int ServerPort { get; init; } = 8300;
    public int SerfLanPort { get; init; } = 8301;
    public int HttpPort { get; init; } = 8500;
    public int GrpcPort { get; init; } = 8502;
    public int GrpcTlsPort { get; init; } = 8503;
    public string Version { get; init; } = ParleyVersion.Current;
    public IReadOnlyDictionary<string, string> NodeMeta { get; init; } = new Dictionary<string, string>();
}
