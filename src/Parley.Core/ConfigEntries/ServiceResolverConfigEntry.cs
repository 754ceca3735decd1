namespace Parley.Core.ConfigEntries;

/// <summary>
/// <c>service-resolver</c>: which instances satisfy requests for a service — subsets, a redirect (possibly to a
/// peer), failover (local datacenters, other services, peers) and connection timeouts.
/// </summary>
public sealed record ServiceResolverConfigEntry : ConfigEntry
{
    public override string Kind => ConfigEntryKinds.ServiceResolver;

    /// <summary>Subset used when none is requested; empty means the unnamed default subset.</summary>
    public string DefaultSubset { get; init; } = "";

    /// <summary>Named subsets; keys must be DNS labels.</summary>
    public IReadOnlyDictionary<string, ServiceResolverSubset> Subsets { get; init; } = new Dictionary<string, ServiceResolverSubset>();

    public ServiceResolverRedirect? Redirect { get; init; }

    /// <summary>Failover keyed by subset name, or <c>*</c> for every subset without its own entry.</summary>
    public IReadOnlyDictionary<string, ServiceResolverFailover> Failover { get; init; } = new Dictionary<string, ServiceResolverFailover>();

    /// <summary>Timeout for new connections; zero means the 5 s default.</summary>
    public TimeSpan ConnectTimeout { get; init; }

    /// <summary>Timeout for a whole HTTP request; zero means the proxy's default.</summary>
    public TimeSpan RequestTimeout { get; init; }

    public ServiceResolverPrioritizeByLocality? PrioritizeByLocality { get; init; }

    public LoadBalancer? LoadBalancer { get; init; }

    /// <summary>True when the resolver changes nothing from the default behaviour (Consul's <c>IsDefault</c>).</summary>
    public bool IsDefault =>
        DefaultSubset.Length == 0 && Subsets.Count == 0 && Redirect is null && Failover.Count == 0 &&
        ConnectTimeout == TimeSpan.Zero && RequestTimeout == TimeSpan.Zero && LoadBalancer is null;

    /// <summary>True for the empty subset name and for names defined in <see cref="Subsets"/>.</summary>
    public bool SubsetExists(string subset) => subset.Length == 0 || Subsets.ContainsKey(subset);
}
