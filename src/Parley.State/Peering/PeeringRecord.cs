using Parley.Core.Peering;

namespace Parley.State.Peering;

/// <summary>
/// A stored peering. The acceptor's record has no <see cref="PeerID"/> and no server addresses; the
/// dialer's holds the acceptor's id, CA, server name and addresses (Consul's <c>ShouldDial</c>).
/// </summary>
public sealed record PeeringRecord
{
    public required string ID { get; init; }
    public required string Name { get; init; }
    public string Partition { get; init; } = "";

    /// <summary>The stored state; ACTIVE and FAILING are derived from the stream tracker at read time.</summary>
    public PeeringState State { get; init; } = PeeringState.Undefined;
    public DateTimeOffset? DeletedAt { get; init; }
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();
    public string PeerID { get; init; } = "";
    public IReadOnlyList<string> PeerCAPems { get; init; } = [];
    public string PeerServerName { get; init; } = "";
    public IReadOnlyList<string> PeerServerAddresses { get; init; } = [];
    public IReadOnlyList<string> ManualServerAddresses { get; init; } = [];
    public PeeringTokenRemote? Remote { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    /// <summary>The dialer side: it has addresses to dial.</summary>
    public bool ShouldDial => PeerServerAddresses.Count > 0 || ManualServerAddresses.Count > 0;

    /// <summary>False once terminated or marked for deletion.</summary>
    public bool IsActive => State != PeeringState.Terminated && DeletedAt is null;

    /// <summary>The addresses the dialer uses: manual ones take precedence.</summary>
    public IReadOnlyList<string> DialAddresses => ManualServerAddresses.Count > 0 ? ManualServerAddresses : PeerServerAddresses;
}
