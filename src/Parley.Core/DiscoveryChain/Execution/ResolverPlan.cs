namespace Parley.Core.DiscoveryChain.Execution;

/// <summary>
/// A resolver node ready to execute: the targets to try in order (the resolved target, then its failover targets)
/// and its timeouts.
/// </summary>
public sealed class ResolverPlan
{
    internal ResolverPlan(IReadOnlyList<string> targets, TimeSpan connectTimeout, TimeSpan requestTimeout)
    {
        Targets = targets;
        ConnectTimeout = connectTimeout;
        RequestTimeout = requestTimeout;
    }

    /// <summary>The resolved target first, then the failover targets in order; never empty.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>The resolved target.</summary>
    public string PrimaryTarget => Targets[0];

    /// <summary>How long dialing one endpoint may take.</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <summary>The resolver's <c>RequestTimeout</c>; it applies only when the chain starts at this resolver.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>
    /// The first target in failover order that <paramref name="hasHealthyEndpoints"/> accepts (Envoy's aggregate
    /// cluster: a later target is used only while the earlier ones have no healthy endpoint); null when none has any.
    /// </summary>
    public string? SelectTarget(Func<string, bool> hasHealthyEndpoints)
    {
        ArgumentNullException.ThrowIfNull(hasHealthyEndpoints);
        foreach (var target in Targets)
        {
            if (hasHealthyEndpoints(target))
            {
                return target;
            }
        }

        return null;
    }
}
