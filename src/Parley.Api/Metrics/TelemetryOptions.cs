namespace Parley.Api.Metrics;

/// <summary>The agent's <c>telemetry { ... }</c> block, as far as the metrics sink uses it. Defaults are Consul's.</summary>
public sealed record TelemetryOptions
{
    /// <summary><c>metrics_prefix</c>: the first part of every metric name (<c>consul.raft.apply</c>).</summary>
    public string MetricsPrefix { get; init; } = "consul";

    /// <summary>
    /// <c>disable_hostname</c>: when false (Consul's default) gauge names carry the host name after the prefix
    /// (<c>consul.myhost.runtime.alloc_bytes</c>), as go-metrics does; most deployments set it to true.
    /// </summary>
    public bool DisableHostname { get; init; }

    /// <summary>
    /// <c>prometheus_retention_time</c>: zero (the default) leaves the Prometheus format off, and
    /// <c>?format=prometheus</c> answers 415 with Consul's text.
    /// </summary>
    public TimeSpan PrometheusRetentionTime { get; init; }

    /// <summary>The host name gauges carry when <see cref="DisableHostname"/> is false.</summary>
    public string HostName { get; init; } = Environment.MachineName;

    /// <summary>The length of one in-memory interval (go-metrics' InmemSink in Consul: 10 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much history the in-memory sink keeps (Consul: one minute).</summary>
    public TimeSpan Retain { get; init; } = TimeSpan.FromMinutes(1);
}
