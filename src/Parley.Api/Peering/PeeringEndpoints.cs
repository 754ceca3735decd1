using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Go;
using Parley.Core.Peering;
using Parley.Peering;
using Parley.State.Store;

namespace Parley.Api.Peering;

/// <summary>Handlers of <c>/v1/peering/*</c> and <c>/v1/peerings</c>.</summary>
internal static class PeeringEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Post("/v1/peering/token", GenerateTokenAsync, AclCheck.Write(AclResource.Peering))
        .Post("/v1/peering/establish", EstablishAsync, AclCheck.Write(AclResource.Peering))
        .Get("/v1/peering/{name}", ReadAsync, AclCheck.Read(AclResource.Peering))
        .Get("/v1/peering/{name}/doctor", PeeringDoctorEndpoint.DoctorAsync, AclCheck.Read(AclResource.Peering))
        .Delete("/v1/peering/{name}", DeleteAsync, AclCheck.Write(AclResource.Peering))
        .Get("/v1/peering/", _ => throw ApiException.BadRequest("Must specify a name to fetch."),
            AclCheck.None("answers 400, reads nothing"))
        .Get("/v1/peerings", ListAsync, AclCheck.Read(AclResource.Peering));

    private static IPeeringService Backend(ApiContext api) => api.Services.Peering;

    private static async Task GenerateTokenAsync(ApiContext api)
    {
        var backend = Backend(api);
        backend.EnsureEnabled();
        var request = await api.ReadBodyAsync<PeeringGenerateTokenRequest>(
            "Body decoding failed: ", "The peering arguments must be provided in the body");
        if (string.IsNullOrEmpty(request.PeerName))
        {
            throw ApiException.BadRequest("PeerName is required in the payload when generating a new peering token.");
        }

        if (!PeeringTokenExpiry.TryParseTtl(request.ExpiresIn, out var expiresIn, out var ttlError))
        {
            throw ApiException.BadRequest(ttlError);
        }

        var token = await backend.GenerateTokenAsync(
            request.PeerName, request.Meta, request.ServerExternalAddresses, request.Partition ?? api.QueryValue("partition"), expiresIn,
                api.Aborted);
        await api.WriteJsonAsync(new PeeringGenerateTokenResponse(token));
    }

    private static async Task EstablishAsync(ApiContext api)
    {
        var backend = Backend(api);
        backend.EnsureEnabled();
        var request = await api.ReadBodyAsync<PeeringEstablishRequest>(
            "Body decoding failed: ", "The peering arguments must be provided in the body");
        if (string.IsNullOrEmpty(request.PeerName))
        {
            throw ApiException.BadRequest("PeerName is required in the payload when establishing a peering.");
        }

        if (string.IsNullOrEmpty(request.PeeringToken))
        {
            throw ApiException.BadRequest("PeeringToken is required in the payload when establishing a peering.");
        }

        await backend.EstablishAsync(
            request.PeerName,
            request.PeeringToken,
            request.Meta,
            request.Partition ?? api.QueryValue("partition"),
            api.Aborted);
        await api.WriteJsonAsync(new { });
    }

    private static Task ReadAsync(ApiContext api)
    {
        var backend = Backend(api);
        backend.EnsureEnabled();
        var name = api.Route("name");
        var (now, timeout) = (Now(api), HeartbeatTimeout(api));
        return ReadWithStreamsAsync(
            api,
            backend,
            s =>
            {
                var peering = s.GetPeering(name);
                return new QueryResult<StoredPeering?>(
                    peering is null ? null : new StoredPeering(peering, s.GetPeeringSecrets(peering.ID)),
                    peering?.ModifyIndex ?? s.TableIndex(Tables.Peerings));
            },
            (stored, streams) => stored is null ? null : ToJson(stored, streams.GetValueOrDefault(stored.Peering.ID), now(), timeout),
            notFound: stored => stored is null ? $"Peering not found for \"{name}\"" : null);
    }

    private static Task ListAsync(ApiContext api)
    {
        var backend = Backend(api);
        backend.EnsureEnabled();
        var filter = api.Filter<PeeringJson>();
        var (now, timeout) = (Now(api), HeartbeatTimeout(api));
        return ReadWithStreamsAsync(
            api,
            backend,
            s => new QueryResult<List<StoredPeering>>(
                [.. s.Peerings().Select(p => new StoredPeering(p, s.GetPeeringSecrets(p.ID)))], s.TableIndex(Tables.Peerings)),
            (peerings, streams) =>
            {
                var at = now();
                return peerings.Select(p => ToJson(p, streams.GetValueOrDefault(p.Peering.ID), at, timeout)).Where(filter).ToList();
            });
    }

    /// <summary>
    /// A peering read: the stored peerings from this server's state (blocking on <c>?index=</c> like every read), then,
    /// once the wait is over, the stream statuses from the Raft leader's tracker, which decide ACTIVE/FAILING and
    /// StreamStatus. Consul forwards these reads to the leader (stale disabled) for that reason; a follower asks the
    /// leader for its statuses instead, so every server answers what the leader knows and none answers without a leader.
    /// </summary>
    private static Task ReadWithStreamsAsync<TStored, TJson>(
        ApiContext api,
        IPeeringService backend,
        Func<StateSnapshot, QueryResult<TStored>> query,
        Func<TStored, IReadOnlyDictionary<string, PeeringStreamStatus>, TJson> render,
        Func<TStored, string?>? notFound = null) =>
        api.ReadAsync(
            query,
            async (stored, cancellationToken) => render(stored, await backend.StreamStatusesAsync(cancellationToken)),
            notFound,
            staleAllowed: false);

    /// <summary>The clock reads are rendered against (expiry is judged when the answer is written, after any blocking wait).</summary>
    private static Func<DateTimeOffset> Now(ApiContext api) => api.TimeProvider.GetUtcNow;

    private static TimeSpan HeartbeatTimeout(ApiContext api) => api.Services.Peering.HeartbeatTimeout;

    private static async Task DeleteAsync(ApiContext api)
    {
        await Backend(api).DeleteAsync(api.Route("name"), api.QueryValue("partition"), api.Aborted);
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// A peering as the API shows it, with the leader's view of its <paramref name="stream"/> (null: none known) and, while
    /// its token is unused, the token's age and expiry judged at <paramref name="now"/>; the stream is healthy when it
    /// heard from the peer within <paramref name="heartbeatTimeout"/>.
    /// </summary>
    internal static PeeringJson ToJson(StoredPeering stored, PeeringStreamStatus? stream, DateTimeOffset now, TimeSpan heartbeatTimeout)
    {
        var p = stored.Peering;
        var state = PeeringReport.StateOf(p, stream, stored.Secrets, now);
        // Token times only while the peer has yet to use the token: once it connected they describe nothing the user can act on.
        var token = state is PeeringState.Pending or PeeringState.Expired ? PeeringReport.OutstandingToken(stored.Secrets) : null;
        // A DELETING dialer keeps the acceptor's identity until the record goes, to tell it Terminated from any leader;
        // Consul's DELETING record has dropped it, and so does what the API shows.
        var deleting = p.State == PeeringState.Deleting;
        return new PeeringJson
        {
            ID = p.ID,
            Name = p.Name,
            Partition = p.Partition.Length == 0 ? null : p.Partition,
            DeletedAt = GoTime.FormatOrNull(p.DeletedAt),
            Meta = p.Meta.Count == 0 ? null : p.Meta,
            State = state.ToWireString(),
            PeerID = deleting || p.PeerID.Length == 0 ? null : p.PeerID,
            PeerCAPems = deleting || p.PeerCAPems.Count == 0 ? null : p.PeerCAPems,
            PeerServerName = deleting || p.PeerServerName.Length == 0 ? null : p.PeerServerName,
            PeerServerAddresses = p.PeerServerAddresses.Count == 0 ? null : p.PeerServerAddresses,
            StreamStatus = stream is null
                ? new StreamStatusJson(null, null, null, null, null)
                : new StreamStatusJson(
                    // A terminated or deleting peering exchanges nothing any more; its last lists would mislead.
                    p.IsActive ? stream.ImportedServices : [],
                    p.IsActive ? stream.ExportedServices : [],
                    GoTime.FormatOrNull(stream.LastHeartbeat),
                    GoTime.FormatOrNull(stream.LastReceive) ?? GoTime.Zero,
                    GoTime.FormatOrNull(stream.LastSend) ?? GoTime.Zero)
                {
                    Healthy = p.IsActive && stream.IsStreamHealthy(now, heartbeatTimeout),
                    LastError = p.IsActive && stream is { LastErrorMessage: { } message, LastErrorAt: { } at }
                        ? new StreamErrorJson(message, GoTime.Format(at))
                        : null,
                    ImportedAt = p.IsActive
                        ? stream.ImportedAt?.OrderBy(e => e.Key, StringComparer.Ordinal)
                            .ToDictionary(e => e.Key, e => GoTime.Format(e.Value), StringComparer.Ordinal)
                        : null,
                },
            CreateIndex = p.CreateIndex,
            ModifyIndex = p.ModifyIndex,
            Remote = p.Remote is { } r ? new RemoteJson(r.Partition, r.Datacenter) : null,
            TokenIssuedAt = GoTime.FormatOrNull(token?.IssuedAt),
            TokenExpiresAt = GoTime.FormatOrNull(token?.ExpiresAt),
        };
    }
}
