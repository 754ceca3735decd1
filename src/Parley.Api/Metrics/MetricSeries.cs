using System.Text;

namespace Parley.Api.Metrics;

/// <summary>One instrument as the sink names it: Consul's dotted key, its Prometheus name and how it aggregates.</summary>
/// <param name="Key">The dotted go-metrics key with prefix (and host name for gauges): <c>consul.raft.apply</c>.</param>
/// <param name="PrometheusName">The key flattened as Consul's Prometheus sink does: <c>consul_raft_apply</c>.</param>
/// <param name="Kind">How measurements aggregate.</param>
/// <param name="Help">The instrument's description, for Prometheus' HELP line.</param>
internal sealed record MetricSeries(string Key, string PrometheusName, MetricKind Kind, string Help)
{
    /// <summary>Names an instrument called <paramref name="name"/> (a key without prefix, e.g. <c>raft.apply</c>).</summary>
    public static MetricSeries For(string name, MetricKind kind, string? description, TelemetryOptions options)
    {
        var parts = new List<string>(3);
        if (options.MetricsPrefix.Length > 0)
        {
            parts.Add(options.MetricsPrefix);
        }

        if (kind == MetricKind.Gauge && !options.DisableHostname && options.HostName.Length > 0)
        {
            parts.Add(options.HostName);
        }

        parts.Add(name);
        var key = string.Join('.', parts);
        return new MetricSeries(key, Flatten(key), kind, string.IsNullOrEmpty(description) ? key : description);
    }

    /// <summary>
    /// A name as Prometheus allows it: Consul's Prometheus sink joins the key's parts with <c>_</c> and replaces anything
    /// else Prometheus does not allow (labels get the same treatment).
    /// </summary>
    public static string Flatten(string key)
    {
        var name = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        return name.ToString();
    }
}
