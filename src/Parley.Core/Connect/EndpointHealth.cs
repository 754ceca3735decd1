using Parley.Core.Catalog;

namespace Parley.Core.Connect;

/// <summary>
/// Whether a proxy may send traffic to an instance, and how much (Consul's <c>calculateEndpointHealthAndWeight</c>):
/// any critical check (or maintenance) makes it unhealthy, as does any non-passing one for an <c>OnlyPassing</c>
/// subset; the weight is <see cref="ServiceWeights.Passing"/>, or <see cref="ServiceWeights.Warning"/> while a check
/// warns; a weight of 0 makes the instance unhealthy; weights are clamped to 1..128 (Envoy's limits).
/// </summary>
/// <remarks>Pure. Unhealthy endpoints never receive traffic: a proxy has no "panic mode" (Consul sets the threshold to 0).</remarks>
public static class EndpointHealth
{
    /// <summary>The largest weight Envoy accepts; Consul clamps to it.</summary>
    public const int MaxWeight = 128;

    /// <summary>Evaluates one instance.</summary>
    /// <param name="checkStatuses">The statuses of the node's and the instance's checks.</param>
    /// <param name="weights">The instance's weights; null means 1 whatever the health (Consul's nil weights).</param>
    /// <param name="onlyPassing">The target's subset requires every check to pass (warning excluded).</param>
    public static EndpointWeight Evaluate(IEnumerable<string> checkStatuses, ServiceWeights? weights, bool onlyPassing = false)
    {
        ArgumentNullException.ThrowIfNull(checkStatuses);
        var healthy = true;
        var weight = weights?.Passing ?? 1;
        foreach (var status in checkStatuses)
        {
            if (status is HealthStatus.Critical or HealthStatus.Maintenance)
            {
                healthy = false;
            }

            if (onlyPassing && status != HealthStatus.Passing)
            {
                healthy = false;
            }

            if (status == HealthStatus.Warning && weights is not null)
            {
                weight = weights.Warning;
            }
        }

        if (weight < 1)
        {
            return new EndpointWeight(false, 1);
        }

        return new EndpointWeight(healthy, Math.Min(weight, MaxWeight));
    }
}
