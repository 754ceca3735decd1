using Microsoft.Extensions.DependencyInjection;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;

namespace Parley.Api.Metrics;

/// <summary>
/// <c>GET /v1/agent/metrics</c>: go-metrics' JSON summary, or with <c>?format=prometheus</c> the Prometheus text format
/// (415 with Consul's text while <c>telemetry.prometheus_retention_time</c> is not positive). Needs <c>agent:read</c>.
/// </summary>
internal static class MetricsEndpoints
{
    private const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Map(RouteTable routes) => routes
        .Get("/v1/agent/metrics", MetricsAsync, AclCheck.Agent(AclAccess.Read));

    private static async Task MetricsAsync(ApiContext api)
    {
        var sink = api.Http.RequestServices.GetRequiredService<MetricsSink>();
        if (api.QueryValue("format") != "prometheus")
        {
            await api.WriteJsonAsync(await sink.DisplayAsync(api.Aborted));
            return;
        }

        if (!sink.PrometheusEnabled)
        {
            throw new ApiException(
                StatusCodes.Status415UnsupportedMediaType,
                "Prometheus is not enabled since its retention time is not positive");
        }

        api.Http.Response.ContentType = PrometheusContentType;
        await sink.WritePrometheusAsync(api.Http.Response.Body, api.Aborted);
    }
}
