using Parley.Core.ConfigEntries;

namespace Parley.Proxy.Outbound;

/// <summary>
/// A route's retry settings as Consul turns them into Envoy's retry policy: <c>NumRetries</c> (Envoy's default of 1
/// when only conditions are given), retry on connect failure (<c>RetryOnConnectFailure</c>, or <c>connect-failure</c>,
/// <c>reset</c>, <c>refused-stream</c> in <c>RetryOn</c>), and on statuses (<c>RetryOnStatusCodes</c>, <c>5xx</c>,
/// <c>gateway-error</c>).
/// </summary>
/// <param name="Retries">How many more attempts after the first.</param>
/// <param name="OnConnectFailure">Retry when the endpoint could not be reached.</param>
/// <param name="Statuses">Response statuses that are retried.</param>
internal sealed record RetryPolicy(int Retries, bool OnConnectFailure, IReadOnlyList<int> Statuses)
{
    /// <summary>No retries.</summary>
    public static readonly RetryPolicy None = new(0, false, []);

    private static readonly int[] ServerErrors = Enumerable.Range(500, 100).ToArray();
    private static readonly int[] GatewayErrors = [502, 503, 504];

    /// <summary>The policy of a route destination; <see cref="None"/> without a route.</summary>
    public static RetryPolicy From(ServiceRouteDestination? destination)
    {
        if (destination is null)
        {
            return None;
        }

        var onConnect = destination.RetryOnConnectFailure;
        var statuses = new SortedSet<int>(destination.RetryOnStatusCodes);
        foreach (var condition in destination.RetryOn)
        {
            switch (condition)
            {
                case "connect-failure" or "reset" or "refused-stream":
                    onConnect = true;
                    break;
                case "5xx":
                    statuses.UnionWith(ServerErrors);
                    break;
                case "gateway-error":
                    statuses.UnionWith(GatewayErrors);
                    break;
                default:
                    break;
            }
        }

        var conditions = onConnect || statuses.Count > 0;
        var retries = destination.NumRetries > 0 ? destination.NumRetries : conditions ? 1 : 0;
        return retries == 0 ? None : new RetryPolicy(retries, onConnect, [.. statuses]);
    }
}
