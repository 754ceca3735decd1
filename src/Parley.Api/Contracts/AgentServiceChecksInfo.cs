namespace Parley.Api.Contracts;

/// <summary>One answer of <c>/v1/agent/health/service/*</c> (Consul's <c>api.AgentServiceChecksInfo</c>).</summary>
/// <param name="AggregatedStatus"><c>passing</c>, <c>warning</c>, <c>critical</c> or <c>maintenance</c>.</param>
/// <param name="Service">The service as <c>/v1/agent/service/:id</c> shows it; null when not found.</param>
/// <param name="Checks">Its checks and the node's; null when not found.</param>
public sealed record AgentServiceChecksInfo(string AggregatedStatus, AgentServiceJson? Service, IReadOnlyList<HealthCheckJson>? Checks);
