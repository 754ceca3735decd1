namespace Parley.Core.Peering;

/// <summary>
/// What a peering token carries, field for field as Consul's <c>structs.PeeringToken</c>. The property order is
/// the JSON key order <see cref="PeeringTokenCodec.Encode"/> writes.
/// </summary>
/// <remarks>
/// Lists keep Go's distinction between nil (<see langword="null"/>, JSON <c>null</c>) and empty (JSON <c>[]</c>).
/// Record equality compares the lists by reference; compare encoded tokens to compare contents.
/// </remarks>
public sealed record PeeringToken
{
    /// <summary>PEMs of the acceptor's Connect CA roots, each ending in a newline. Empty or null means plaintext (legacy).</summary>
    public IReadOnlyList<string>? CA { get; init; }

    /// <summary>Addresses the operator gave on generate (<c>ServerExternalAddresses</c>); win over <see cref="ServerAddresses"/>.</summary>
    public IReadOnlyList<string>? ManualServerAddresses { get; init; }

    /// <summary>Automatically discovered <c>host:port</c> addresses of the acceptor's gRPC TLS listeners.</summary>
    public IReadOnlyList<string>? ServerAddresses { get; init; }

    /// <summary>The name the dialer verifies: <c>server.&lt;dc&gt;.peering.&lt;trust-domain&gt;</c>.</summary>
    public string ServerName { get; init; } = "";

    /// <summary>The acceptor's local ID of this peering.</summary>
    public string PeerID { get; init; } = "";

    /// <summary>The single-use secret traded for a stream secret in <c>ExchangeSecret</c>.</summary>
    public string EstablishmentSecret { get; init; } = "";

    /// <summary>The acceptor's datacenter and partition.</summary>
    public PeeringTokenRemote Remote { get; init; } = new();

    /// <summary>
    /// A Parley addition: when the token stops being accepted (UTC), or <see langword="null"/> for never. Written as
    /// <c>ExpiresAt</c> after <c>Remote</c> only when set, so a token without expiry is byte for byte Consul's, and
    /// Consul's dialer ignores the key. Informative for the dialer; the acceptor enforces its own stored expiry.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The addresses to dial, in Consul's order of preference: the manual list if non-empty, else the discovered one.</summary>
    public IReadOnlyList<string> DialAddresses =>
        ManualServerAddresses is { Count: > 0 } manual ? manual : ServerAddresses ?? [];
}
