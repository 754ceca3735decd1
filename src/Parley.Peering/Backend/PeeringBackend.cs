using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Peering;
using Parley.Mesh.Ca;
using Parley.Peering.Export;
using Parley.Peering.Tracking;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Backend;

/// <summary>
/// The peering operations behind the HTTP API: generate a token (acceptor), establish with one (dialer),
/// read and list with the leader's stream tracker's view (<see cref="StreamStatusesAsync"/>), and delete. Writes go only
/// through <see cref="IReplicator"/>.
/// </summary>
public sealed partial class PeeringBackend(
    IReplicator replicator,
    StateStore store,
    ConnectCa ca,
    PeeringStreamTracker tracker,
    SecretExchanger exchanger,
    IOptions<PeeringOptions> options,
    TimeProvider timeProvider) : IPeeringService
{
    /// <inheritdoc/>
    public TimeSpan HeartbeatTimeout => options.Value.HeartbeatTimeout;

    /// <inheritdoc/>
    public IReadOnlyList<(string Service, IReadOnlyList<string> Peers)> ExportedServices(StateSnapshot snapshot) =>
        ExportedServiceNames.All(snapshot);

    /// <inheritdoc/>
    public IReadOnlyList<string> ExportedServices(StateSnapshot snapshot, string peerName)
        => ExportedServiceNames.ForPeer(snapshot, peerName);

    /// <inheritdoc/>
    public IReadOnlyList<string> LocalMeshGateways(StateSnapshot snapshot) => PeeringAddresses.LocalGateways(snapshot);

    /// <summary>
    /// Generates a peering token for <paramref name="peerName"/>, creating the PENDING peering if needed. The token expires
    /// after <paramref name="expiresIn"/>, else <see cref="PeeringOptions.TokenTtl"/>, else never.
    /// </summary>
    public async Task<string> GenerateTokenAsync(
        string peerName, IReadOnlyDictionary<string, string>? meta, IReadOnlyList<string>? externalAddresses, string? partition,
        TimeSpan? expiresIn, CancellationToken cancellationToken)
    {
        EnsureEnabled();
        CheckPartition(partition);
        if (!options.Value.ConnectEnabled)
        {
            throw Rejected("connect.enabled must be set to true in the server's configuration when generating peering tokens");
        }

        if (!options.Value.GrpcTlsEnabled)
        {
            throw Rejected("TLS for gRPC must be enabled when generating peering tokens");
        }

        var authority = ca.Current ?? throw new ParleyException(ErrorCode.Unavailable, "CA has not finished initializing");
        Check(PeerNames.Validate(peerName));
        Check(PeeringMeta.Validate(meta));
        foreach (var address in externalAddresses ?? [])
        {
            Check(PeeringServerAddress.Validate(address));
        }

        var (serverAddresses, noAddresses) = PeeringAddresses.Advertised(store.Current);
        if (noAddresses is not null)
        {
            throw Rejected(noAddresses);
        }

        var secret = Guid.NewGuid().ToString();
        var issuedAt = timeProvider.GetUtcNow();
        var expiresAt = PeeringTokenExpiry.ExpiresAt(issuedAt, expiresIn ?? options.Value.TokenTtl);
        var result = await replicator.ApplyAsync(
            new GeneratePeeringToken(
                new State.Peering.PeeringRecord
                {
                    ID = Guid.NewGuid().ToString(),
                    Name = peerName,
                    Meta = meta ?? new Dictionary<string, string>(),
                },
                secret,
                issuedAt,
                expiresAt),
            cancellationToken);
        var peering = (State.Peering.PeeringRecord)result.ThrowIfRejected().Value!;

        return PeeringTokenCodec.Encode(new PeeringToken
        {
            CA = [.. ConnectCa.Roots(store.Current).Select(r => r.RootCert.EndsWith('\n') ? r.RootCert : r.RootCert + "\n")],
            ManualServerAddresses = externalAddresses is { Count: > 0 } ? externalAddresses : null,
            ServerAddresses = serverAddresses,
            ServerName = Mesh.MeshNames.PeeringServerName(options.Value.Datacenter, authority.TrustDomain),
            PeerID = peering.ID,
            EstablishmentSecret = secret,
            Remote = new PeeringTokenRemote { Partition = "default", Datacenter = options.Value.Datacenter },
            ExpiresAt = expiresAt,
        });
    }

    /// <summary>
    /// Establishes a peering from a token: validates it, trades its establishment secret for a stream secret with
    /// the acceptor, then writes the dialer's peering as ESTABLISHING. A refused establish leaves nothing behind (through
    /// mesh gateways, the draft written ahead of the exchange is removed again).
    /// </summary>
    public async Task EstablishAsync(
        string peerName, string peeringToken, IReadOnlyDictionary<string, string>? meta, string? partition,
            CancellationToken cancellationToken)
    {
        EnsureEnabled();
        CheckPartition(partition);
        Check(PeerNames.Validate(peerName));
        if (!PeeringTokenCodec.TryDecode(peeringToken, out var token, out var error))
        {
            throw new ParleyException(ErrorCode.InvalidArgument, error);
        }

        Check(PeeringMeta.Validate(meta));
        if (ca.PeeringServerName is { } own && string.Equals(token.ServerName, own, StringComparison.Ordinal))
        {
            throw Rejected($"cannot create a peering within the same cluster \"{own}\". Refer to the `exported-services` documentation " +
                "if you want to export between partitions without peering");
        }

        var existing = store.Current.GetPeering(peerName);
        if (existing is not null && existing.DeletedAt is not null)
        {
            throw Rejected("failed to write peering: cannot write to peering that is marked for deletion");
        }

        if (existing is not null && !existing.ShouldDial && existing.State != PeeringState.Terminated)
        {
            throw Rejected($"cannot create peering with name: \"{peerName}\"; there is an existing peering expecting to be dialed");
        }

        var peering = new State.Peering.PeeringRecord
        {
            ID = existing?.ID ?? Guid.NewGuid().ToString(),
            Name = peerName,
            Meta = meta ?? new Dictionary<string, string>(),
            PeerID = token.PeerID,
            PeerCAPems = token.CA ?? [],
            PeerServerName = token.ServerName,
            PeerServerAddresses = token.ServerAddresses ?? [],
            ManualServerAddresses = token.ManualServerAddresses ?? [],
            Remote = token.Remote,
        };
        var streamSecret = await ExchangeRememberingAsync(token, peering, existing is null, cancellationToken);

        // A live stream keeps the addresses the acceptor last sent over it.
        var connected = existing is not null
            && (await StreamStatusesAsync(cancellationToken)).GetValueOrDefault(existing.ID) is { Connected: true };
        peering = peering with
        {
            State = PeeringState.Establishing,
            PeerServerAddresses = connected ? existing!.PeerServerAddresses : peering.PeerServerAddresses,
        };
        if (existing is { State: PeeringState.Terminated })
        {
            // A terminated peering is replaced by a fresh one under the same name.
            await replicator.ApplyAsync(new MarkPeeringForDeletion(existing.Name, timeProvider.GetUtcNow()), cancellationToken);
            await replicator.ApplyAsync(new DeletePeering(existing.ID), cancellationToken);
            peering = peering with { ID = Guid.NewGuid().ToString() };
        }

        var result = await replicator.ApplyAsync(
            new Batch([new WritePeering(peering), new EstablishPeering(peering.ID, streamSecret)]), cancellationToken);
        result.ThrowIfRejected();
    }

    /// <summary>
    /// Trades the token's establishment secret for a stream secret. When peering goes through the local mesh gateways, a
    /// new <paramref name="draft"/> is written first, with no state and no secret (nothing dials it), as Consul does:
    /// the gateways learn the peer's server name and addresses from it and can route the exchange. A refused exchange
    /// removes the draft again, so a failed establish leaves nothing behind.
    /// </summary>
    private async Task<string> ExchangeAsync(
        PeeringToken token,
        State.Peering.PeeringRecord draft,
        bool isNew,
        CancellationToken cancellationToken)
    {
        var gateways = PeeringAddresses.LocalGateways(store.Current);
        var exchangeId = SecretExchanger.ExchangeIdFor(ca.PeeringServerName, draft.Name);
        if (gateways.Count == 0 || !isNew)
        {
            return await exchanger.ExchangeAsync(token, exchangeId, gateways, cancellationToken);
        }

        (await replicator.ApplyAsync(new WritePeering(draft), cancellationToken)).ThrowIfRejected();
        try
        {
            return await exchanger.ExchangeAsync(token, exchangeId, gateways, cancellationToken);
        }
        catch (Exception)
        {
            // Not the caller's token: the draft goes even when the request was cancelled.
            await replicator.ApplyAsync(new MarkPeeringForDeletion(draft.Name, timeProvider.GetUtcNow()), CancellationToken.None);
            await replicator.ApplyAsync(new DeletePeering(draft.ID), CancellationToken.None);
            throw;
        }
    }

    /// <summary>Marks a peering for deletion; cleanup and the peer's notification follow asynchronously.</summary>
    public async Task DeleteAsync(string name, string? partition, CancellationToken cancellationToken)
    {
        EnsureEnabled();
        CheckPartition(partition);
        await replicator.ApplyAsync(new MarkPeeringForDeletion(name, timeProvider.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Every peering stream as the Raft leader's tracker knows it, keyed by local peering ID: the local tracker on the
    /// leader, the leader query <see cref="PeeringStreamStatusQuery"/> on a follower (whose own tracker is empty, since
    /// streams run on the leader only). Consul forwards peering reads to the leader for the same reason.
    /// </summary>
    /// <exception cref="NoLeaderException">No leader is known within the write timeout, or it could not be reached.</exception>
    public async Task<IReadOnlyDictionary<string, PeeringStreamStatus>> StreamStatusesAsync(CancellationToken cancellationToken)
    {
        if (replicator.Status.IsLeader)
        {
            return tracker.Snapshot();
        }

        var answer = await replicator.QueryLeaderAsync(PeeringStreamStatusQuery.QueryName, ReadOnlyMemory<byte>.Empty, cancellationToken);
        return PeeringStreamStatusQuery.Decode(answer);
    }

    public void EnsureEnabled()
    {
        if (!options.Value.Enabled)
        {
            throw new ParleyException(ErrorCode.FailedPrecondition, "peering must be enabled to use this endpoint");
        }
    }

    /// <summary>
    /// The address a follower names in its "not the leader" refusal: the leader's gRPC TLS address as tokens list it, so
    /// a dialer can go straight there; the leader's server address (what Consul sends) when the catalog does not have it.
    /// </summary>
    /// <param name="snapshot">The state to find the leader's <c>consul</c> instance in.</param>
    /// <param name="leaderServerAddress">The leader's server address (<c>host:port</c> of the server port), if known.</param>
    public static string? LeaderHint(StateSnapshot snapshot, string? leaderServerAddress)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!PeeringServerAddress.TryParse(leaderServerAddress, out var host, out var port))
        {
            return leaderServerAddress;
        }

        foreach (var row in snapshot.CheckServiceNodes("consul"))
        {
            if (row.Service.Port == port && (row.Node.Address == host || row.Service.Address == host)
                && PeeringAddresses.GrpcAddress(row) is { } address)
            {
                return address;
            }
        }

        return leaderServerAddress;
    }

    private static void CheckPartition(string? partition)
    {
        if (!string.IsNullOrEmpty(partition) && partition != "default")
        {
            throw new ParleyException(ErrorCode.InvalidArgument, "Partitions are a Consul Enterprise feature");
        }
    }

    private static void Check(string? problem)
    {
        if (problem is not null)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, problem);
        }
    }

    private static ParleyException Rejected(string message) => ParleyException.Rejected(message);
}
