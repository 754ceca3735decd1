using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Parley.State.Peering;

namespace Parley.State.Store;

/// <summary>The peering tables of a snapshot: peerings by id (with a name index), their secrets, trust bundles.</summary>
internal sealed record PeeringTables(
    ImmutableSortedDictionary<string, Peering.PeeringRecord> Peerings,
    ImmutableDictionary<string, string> IdsByName,
    ImmutableDictionary<string, PeeringSecrets> Secrets,
    ImmutableSortedDictionary<string, TrustBundle> TrustBundles,
    ImmutableSortedDictionary<string, SystemValue> System)
{
    public static readonly PeeringTables Empty = new(
        ImmutableSortedDictionary.Create<string, Peering.PeeringRecord>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, PeeringSecrets>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, TrustBundle>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, SystemValue>(StringComparer.Ordinal));
}

/// <summary>A system value (e.g. the Connect CA state) with the index it was last written at.</summary>
public sealed record SystemValue(JsonNode Value, long ModifyIndex);
