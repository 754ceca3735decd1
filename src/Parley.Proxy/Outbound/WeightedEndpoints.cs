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
    public ServiceEndpoint? Pick()
    {
        if (TotalWeight == 0)
        {
            return null;
        }

        var point = Random.Shared.Next(TotalWeight);
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
