using Parley.State.Peering;

namespace Parley.Api.Peering;

/// <summary>A stored peering with its secrets record, read from one snapshot (only the token's times are ever shown).</summary>
internal sealed record StoredPeering(State.Peering.PeeringRecord Peering, PeeringSecrets? Secrets);
