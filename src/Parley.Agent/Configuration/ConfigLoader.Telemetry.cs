using System.Text.Json.Nodes;
using Parley.Api.Metrics;

namespace Parley.Agent.Configuration;

public static partial class ConfigLoader
{
    // Consul's telemetry keys for sinks Parley does not ship to (statsd, DogStatsD, Circonus) and its filters: accepted
    // with a warning, so a Consul config still starts.
    private static readonly HashSet<string> UnusedTelemetryKeys =
    [
        "circonus_api_app", "circonus_api_token", "circonus_api_url", "circonus_broker_id", "circonus_broker_select_tag",
        "circonus_check_display_name", "circonus_check_force_metric_activation", "circonus_check_id",
        "circonus_check_instance_id", "circonus_check_search_tag", "circonus_check_tags", "circonus_submission_interval",
        "circonus_submission_url", "disable_compat_1.9", "disable_per_tenancy_usage_metrics", "dogstatsd_addr",
        "dogstatsd_tags", "enable_host_metrics", "filter_default", "prefix_filter", "retry_failed_connection",
        "statsd_address", "statsite_address",
    ];

    /// <summary><c>telemetry { ... }</c>: the keys the metrics endpoint honours.</summary>
    private static TelemetryOptions Telemetry(TelemetryOptions telemetry, JsonObject block, string path, List<string> warnings)
    {
        foreach (var (key, value) in block)
        {
            var name = "telemetry." + key;
            if (UnusedTelemetryKeys.Contains(key))
            {
                warnings.Add($"{path}: config key \"{name}\" is accepted but not used by Parley yet");
                continue;
            }

            telemetry = key switch
            {
                "metrics_prefix" => telemetry with { MetricsPrefix = String(value, name, path).Trim('.') },
                "disable_hostname" => telemetry with { DisableHostname = Bool(value, name, path) },
                "prometheus_retention_time" => telemetry with { PrometheusRetentionTime = Duration(value, name, path) },
                _ => throw new ConfigException($"{path}: invalid config key \"{name}\""),
            };
        }

        return telemetry;
    }
}
