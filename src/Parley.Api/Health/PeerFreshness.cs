using System.Globalization;
using Parley.Api.Http;
using Parley.Peering;
using Parley.State;

namespace Parley.Api.Health;

/// <summary>
/// Parley's freshness headers on <c>/v1/health/service/:name?peer=</c>, so a client can tell a stale import from a fresh
/// one: <c>X-Parley-Peer-Data-Age</c> (whole seconds since the last heartbeat or message from the peer; the exporter
/// sends every change as it happens, so the import is current as of then) and <c>X-Parley-Peer-Healthy</c>
/// (<c>true</c>, or <c>false</c> while the stream is down or silent past the heartbeat timeout).
/// </summary>
internal static class PeerFreshness
{
    public const string DataAgeHeader = "X-Parley-Peer-Data-Age";
    public const string HealthyHeader = "X-Parley-Peer-Healthy";

    /// <summary>Adds both headers for <paramref name="peer"/>; nothing for an unknown peer or when no leader answers.</summary>
    public static async ValueTask AddHeadersAsync(ApiContext api, string peer, CancellationToken cancellationToken)
    {
        if (api.Store.Current.GetPeering(peer) is not { } peering)
        {
            return;
        }

        IReadOnlyDictionary<string, PeeringStreamStatus> statuses;
        try
        {
            statuses = await api.Services.Peering.StreamStatusesAsync(cancellationToken);
        }
        catch (NoLeaderException)
        {
            // The rows are still worth answering; only the leader knows the stream, and there is none right now.
            return;
        }

        var status = statuses.GetValueOrDefault(peering.ID);
        var now = api.TimeProvider.GetUtcNow();
        var healthy = status?.IsStreamHealthy(now, api.Services.Peering.HeartbeatTimeout) == true;
        var headers = api.Http.Response.Headers;
        if (status?.DataAge(now) is { } age)
        {
            headers[DataAgeHeader] = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        headers[HealthyHeader] = healthy ? "true" : "false";
    }
}
