namespace Parley.Core.Connect;

/// <summary>The health of one endpoint as a proxy sees it, and its load-balancing weight (1..128).</summary>
/// <param name="Healthy">Whether the endpoint may receive traffic.</param>
/// <param name="Weight">Its share relative to the other healthy endpoints of the same target.</param>
public readonly record struct EndpointWeight(bool Healthy, int Weight);
