using Parley.Api.Http;
using Parley.Api.Intentions;
using Parley.Core.Catalog;
using Parley.Core.Intentions;
using Parley.Core.Peering;
using Parley.Core.Peering.Doctor;
using Parley.Peering;
using Parley.State.Store;

namespace Parley.Api.Peering;

/// <summary>
/// <c>GET /v1/peering/:name/doctor[?service=S]</c> (a Parley addition): gathers <see cref="DoctorFacts"/> from one snapshot
/// and the leader's stream view and answers <see cref="PeeringDoctor"/>'s steps, for <c>parley peering doctor</c> and the UI.
/// </summary>
internal static class PeeringDoctorEndpoint
{
    public static async Task DoctorAsync(ApiContext api)
    {
        var backend = api.Services.Peering;
        backend.EnsureEnabled();
        var (name, service) = (api.Route("name"), api.QueryValue("service") is { Length: > 0 } s ? s : null);
        var snapshot = api.Store.Current;
        var streams = await backend.StreamStatusesAsync(api.Aborted);
        var now = api.TimeProvider.GetUtcNow();
        var facts = Gather(backend, snapshot, name, service, streams, now, api.Agent.IntentionDefaultAllow);
        if (facts.State is null && backend.LastEstablishFailure(name) is { } refused)
        {
            facts = facts with { LastEstablishError = refused.Message };
        }

        var steps = PeeringDoctor.Diagnose(facts);
        await api.WriteJsonAsync(new DoctorJson(name, service, PeeringDoctor.IsWhole(steps), steps));
    }

    /// <summary>The facts about the path of <paramref name="service"/> to or from <paramref name="peerName"/>.</summary>
    internal static DoctorFacts Gather(
        IPeeringService peerings, StateSnapshot s, string peerName, string? service,
        IReadOnlyDictionary<string, PeeringStreamStatus> streams, DateTimeOffset now, bool defaultAllow)
    {
        var timeout = peerings.HeartbeatTimeout;
        var peering = s.GetPeering(peerName);
        var stream = peering is null ? null : streams.GetValueOrDefault(peering.ID);
        var facts = new DoctorFacts
        {
            PeerName = peerName,
            State = peering is null ? null : PeeringReport.StateOf(peering, stream, s.GetPeeringSecrets(peering.ID), now).ToWireString(),
            StreamHealthy = peering?.IsActive == true && stream?.IsStreamHealthy(now, timeout) == true,
            LastError = peering?.IsActive == true ? stream?.LastErrorMessage : null,
            TrustBundle = s.GetTrustBundle(peerName) is not null,
            Service = service,
            LocalMeshGateways = peerings.LocalMeshGateways(s).Count,
        };
        if (service is null)
        {
            return facts;
        }

        var local = s.CheckServiceNodes(service, "").ToList();
        var imported = s.CheckServiceNodes(service, peerName).ToList();
        var (intentionAllows, intentionDetail) = Intention(s, service, peerName, defaultAllow);
        return facts with
        {
            Instances = local.Count,
            PassingInstances = local.Count(r => r.Checks.All(c => c.Status == HealthStatus.Passing)),
            ImportedInstances = imported.Count,
            ImportedPassing = imported.Count(r => r.Checks.All(c => c.Status == HealthStatus.Passing)),
            ExportedTo = peerings.ExportedServices(s).FirstOrDefault(e => e.Service == service).Peers ?? [],
            Sidecars = s.ConnectServiceNodes(service).Rows.Count,
            ImportedSidecars = s.ConnectServiceNodes(service, peerName).Rows.Count,
            SentToPeer = stream?.ExportedServices?.Contains(service, StringComparer.Ordinal) == true,
            IntentionAllows = intentionAllows,
            IntentionDetail = intentionDetail,
        };
    }

    /// <summary>
    /// Whether callers from the peer are admitted to <paramref name="service"/>: the highest-precedence intention naming
    /// that peer as its source decides; with none, the default policy does.
    /// </summary>
    private static (bool Allows, string Detail) Intention(StateSnapshot s, string service, string peer, bool defaultAllow)
    {
        var match = IntentionQueries.MatchByDestination(IntentionEndpoints.Entries(s), service)
            .FirstOrDefault(i => string.Equals(i.SourcePeer, peer, StringComparison.Ordinal));
        if (match is not null)
        {
            var source = $"{peer}/{match.SourceName}";
            return match.Action == IntentionDefaults.Allow
                ? (true, $"allowed by the intention {source} => {match.DestinationName}")
                : (false,
                    $"denied by the intention {source} => {match.DestinationName}" + (
                    match.Permissions.Count > 0 ? " (L7 permissions)" : ""));
        }

        return defaultAllow
            ? (true, $"no intention names callers from {peer}; the default policy allows")
            : (false, $"no intention admits callers from {peer}, and the default policy denies");
    }
}
