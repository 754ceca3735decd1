using Parley.Proxy.Config;

namespace Parley.Proxy.Outbound;

/// <summary>
/// The healthy endpoints of a set, picked at random in proportion to their weights (Envoy's weighted random among
/// healthy hosts; unhealthy ones never receive traffic). Shared by clusters and the gateway's pass-through routes.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class WeightedEndpoints
{
    private readonly ServiceEndpoint[] _healthy;
    private readonly int[] _cumulative;

    public WeightedEndpoints(IReadOnlyList<ServiceEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _healthy = endpoints.Where(e => e.Healthy).ToArray();
        _cumulative = new int[_healthy.Length];
        var sum = 0;
        for (var i = 0; i < _healthy.Length; i++)
        {
            sum += Math.Max(1, _healthy[i].Weight);
            _cumulative[i] = sum;
        }

        TotalWeight = sum;
    }

    /// <summary>The sum of the healthy endpoints' weights; 0 when none is healthy.</summary>
    public int TotalWeight { get; }

    /// <summary>A healthy endpoint chosen by weight, or null when none is healthy.</summary>
    public ServiceEndpoint? Pick() => Pick([]);

    /// <summary>
    /// A healthy endpoint chosen by weight among those not in <paramref name="tried"/> (Envoy's <c>previous_hosts</c>
    /// retry predicate, so a retry goes elsewhere while somewhere else is left); among all healthy ones when every one
    /// was tried; null when none is healthy.
    /// </summary>
    public ServiceEndpoint? Pick(IReadOnlyCollection<ServiceEndpoint> tried)
    {
        ArgumentNullException.ThrowIfNull(tried);
        if (TotalWeight == 0)
        {
            return null;
        }

        var untried = TotalWeight;
        if (tried.Count > 0)
        {
            foreach (var endpoint in _healthy)
            {
                if (tried.Contains(endpoint))
                {
                    untried -= Math.Max(1, endpoint.Weight);
                }
            }
        }

        if (untried == TotalWeight || untried == 0)
        {
            return Drawn(Random.Shared.Next(TotalWeight));
        }

        var point = Random.Shared.Next(untried);
        foreach (var endpoint in _healthy)
        {
            if (tried.Contains(endpoint))
            {
                continue;
            }

            point -= Math.Max(1, endpoint.Weight);
            if (point < 0)
            {
                return endpoint;
            }
        }

        return _healthy[^1];
    }

    private ServiceEndpoint Drawn(int point)
    {
        for (var i = 0; i < _healthy.Length; i++)
        {
            if (point < _cumulative[i])
            {
                return _healthy[i];
            }
        }

        return _healthy[^1];
    }
}
