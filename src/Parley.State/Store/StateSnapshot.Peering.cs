using Parley.State.Peering;

namespace Parley.State.Store;

public sealed partial class StateSnapshot
{
    /// <summary>All peerings, ordered by lower-cased name (as Consul lists them).</summary>
    public IEnumerable<Peering.PeeringRecord> Peerings() =>
        Peering.IdsByName.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Peering.Peerings[p.Value]);

    /// <summary>A peering by name, matched case-insensitively.</summary>
    public Peering.PeeringRecord? GetPeering(string name) =>
        Peering.IdsByName.TryGetValue(name.ToLowerInvariant(), out var id) ? Peering.Peerings.GetValueOrDefault(id) : null;

    public Peering.PeeringRecord? GetPeeringById(string id) => Peering.Peerings.GetValueOrDefault(id);

    /// <summary>A peering's secrets; for the peering subsystem only, never for the API.</summary>
    public PeeringSecrets? GetPeeringSecrets(string peeringId) => Peering.Secrets.GetValueOrDefault(peeringId);

    public TrustBundle? GetTrustBundle(string peerName) => Peering.TrustBundles.GetValueOrDefault(peerName);

    public IEnumerable<TrustBundle> TrustBundles() => Peering.TrustBundles.Values;

    public SystemValue? GetSystemValue(string key) => Peering.System.GetValueOrDefault(key);
}
