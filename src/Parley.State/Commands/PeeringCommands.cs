using Parley.Core.Catalog;
using Parley.Core.Peering;
using Parley.State.Peering;

namespace Parley.State.Commands;

/// <summary>
/// Creates or updates a peering, enforcing Consul's state-store invariants. A <see cref="PeeringState.Undefined"/>
/// state keeps the stored state (PENDING for a new record).
/// </summary>
public sealed record WritePeering(Peering.PeeringRecord Peering) : Command;

/// <summary>
/// Generating a token: writes the acceptor's peering and replaces its establishment secret, leaving any
/// stream secrets alone so a live stream is not disturbed.
/// </summary>
/// <param name="Peering">The new acceptor peering (ignored when one of that name exists).</param>
/// <param name="EstablishmentSecret">The new token's secret.</param>
/// <param name="IssuedAt">When the server that took the request generated the token (never read the clock in apply).</param>
/// <param name="ExpiresAt">When the token stops being accepted; null: never (as Consul's tokens).</param>
public sealed record GeneratePeeringToken(
    Peering.PeeringRecord Peering, string EstablishmentSecret, DateTimeOffset? IssuedAt = null, DateTimeOffset? ExpiresAt = null) : Command;

/// <summary>
/// The acceptor's side of <c>ExchangeSecret</c>: consumes the establishment secret (compared in constant time)
/// and stores <paramref name="PendingStreamSecret"/>. The apply answers the pending stream secret the dialer must use.
/// Rejected when the secret does not match, the token was regenerated, or the secret was already exchanged.
/// </summary>
/// <param name="PeeringID">The acceptor's peering, as the token names it.</param>
/// <param name="EstablishmentSecret">The token's secret, as the dialer sent it.</param>
/// <param name="PendingStreamSecret">A fresh stream secret chosen by the server that took the call (never inside apply).</param>
/// <param name="ExchangeId">
/// The dialer's id of one establish call, the same on each of its attempts (a Parley dialer sends it; Consul's does not).
/// With one, a SHA-256 of it and the secret is kept beside the pending secret, and a repeat with the same secret and id
/// (an attempt that timed out after this apply) answers that same pending secret while it is still pending: not promoted
/// by a stream and not superseded by a newer token. Any other repeat is refused, as in Consul.
/// </param>
/// <param name="Now">
/// When the server that took the call received it; a token whose stored expiry is at or before it is refused with
/// <see cref="Core.Peering.PeeringTokenExpiry.ExpiredMessage"/>. Null (entries written before expiry existed): not checked.
/// </param>
public sealed record ExchangePeeringSecret(
    string PeeringID, string EstablishmentSecret, string PendingStreamSecret, string? ExchangeId = null,
        DateTimeOffset? Now = null) : Command;

/// <summary>
/// The dialer after a successful exchange: stores the stream secret as active and marks the peering ESTABLISHING.
/// </summary>
public sealed record EstablishPeering(string PeeringID, string ActiveStreamSecret) : Command;

/// <summary>
/// The acceptor when a dialer opens a stream with the pending secret: promotes it to active and records
/// the dialer's <paramref name="Remote"/>.
/// </summary>
public sealed record PromotePeeringStreamSecret(string PeeringID, string StreamSecret, PeeringTokenRemote? Remote) : Command;

/// <summary>
/// Marks a peering DELETING (Consul's soft delete). Its secrets are dropped at once, except a dialer's active stream
/// secret, kept with the acceptor's ID, CA and server name until <see cref="DeletePeering"/> so that the cleanup routine
/// can still tell the acceptor <c>Terminated</c> after a leader change.
/// </summary>
public sealed record MarkPeeringForDeletion(string Name, DateTimeOffset DeletedAt) : Command;

/// <summary>
/// The peer said Terminated: the peering goes TERMINATED and its secrets are dropped (a DELETING peering stays DELETING and
/// only loses the secret it kept to say Terminated itself).
/// </summary>
public sealed record TerminatePeering(string PeeringID) : Command;

/// <summary>Removes a peering record that was marked for deletion, and any secret it kept, after its imported data is gone.</summary>
public sealed record DeletePeering(string PeeringID) : Command;

/// <summary>The acceptor's server addresses as it last sent them to the dialer.</summary>
public sealed record SetPeerServerAddresses(string PeeringID, IReadOnlyList<string> Addresses) : Command;

/// <summary>Stores a peer's trust bundle (and refreshes the peering's CA PEMs from it).</summary>
public sealed record WriteTrustBundle(TrustBundle Bundle) : Command;

/// <summary>
/// Reconciles one imported service from a peer with what the exporter sent: new or changed nodes, instances
/// and checks are written, vanished instances and their checks removed, and nodes left without services deleted.
/// </summary>
public sealed record ReconcileImportedService(string PeerName, string ServiceName, IReadOnlyList<ImportedInstance> Instances) : Command;

/// <summary>One imported instance: its node, service and (flattened) checks, as received.</summary>
public sealed record ImportedInstance(Node Node, ServiceInstance Service, IReadOnlyList<HealthCheck> Checks);

/// <summary>
/// The exporter's list of exported services changed: every imported service of the peer not in
/// <paramref name="Keep"/> (or a sidecar of one) is removed.
/// </summary>
public sealed record PruneImportedServices(string PeerName, IReadOnlyList<string> Keep) : Command;

/// <summary>
/// Deletes up to <paramref name="MaxNodes"/> imported nodes of a peer (bounded cleanup batches) and, when none are left, its trust bundle.
/// </summary>
public sealed record DeleteImportedData(string PeerName, int MaxNodes) : Command;

/// <summary>Writes a system value (for example the Connect CA state) with optional check-and-set on its index.</summary>
public sealed record SetSystemValue(string Key, System.Text.Json.Nodes.JsonNode Value, long? Cas = null) : Command;
