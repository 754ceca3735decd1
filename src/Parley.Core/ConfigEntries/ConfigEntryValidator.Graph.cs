using Parley.Core.DiscoveryChain;

namespace Parley.Core.ConfigEntries;

/// <content>Cross-entry rules: every discovery chain a write or delete would change must still compile.</content>
public static partial class ConfigEntryValidator
{
    // Consul compiles proposed chains in a fixed, made-up evaluation context; the graph rules do not depend on it.
    private const string ValidationDatacenter = "dc1";
    private const string ValidationTrustDomain = "11111111-2222-3333-4444-555555555555.consul";

    /// <summary>
    /// The cross-entry problems of writing <paramref name="entry"/> over <paramref name="lookup"/>: compiles every
    /// chain that reaches the entry's service (for proxy-defaults, every chain) with the entry in place.
    /// </summary>
    public static IReadOnlyList<string> CheckGraph(ConfigEntry entry, IConfigEntryLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lookup);
        return CheckChains(entry.Kind, entry.Name, ConfigEntrySet.Overlay(lookup, entry));
    }

    /// <summary>
    /// Throws <see cref="ConfigEntryValidationException"/> when deleting the entry would leave a chain that does not compile.
    /// </summary>
    public static void ValidateDelete(string kind, string name, IConfigEntryLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(lookup);
        var errors = CheckChains(kind, name, ConfigEntrySet.Overlay(lookup, null, (kind, name)));
        if (errors.Count > 0)
        {
            throw new ConfigEntryValidationException(errors);
        }
    }

    private static List<string> CheckChains(string kind, string name, IConfigEntryLookup entries)
    {
        var errors = new List<string>();
        IEnumerable<string> chains = kind switch
        {
            ConfigEntryKinds.ProxyDefaults => AllChainServices(entries),
            ConfigEntryKinds.ServiceRouter or ConfigEntryKinds.ServiceSplitter or ConfigEntryKinds.ServiceResolver
                or ConfigEntryKinds.ServiceDefaults => ChainsReaching(name, entries),
            _ => [],
        };

        foreach (var service in chains.Order(StringComparer.Ordinal))
        {
            try
            {
                DiscoveryChainCompiler.Compile(new DiscoveryChainRequest
                {
                    ServiceName = service,
                    EvaluateInDatacenter = ValidationDatacenter,
                    EvaluateInTrustDomain = ValidationTrustDomain,
                    Entries = entries,
                });
            }
            catch (ConfigEntryGraphException ex)
            {
                if (!errors.Contains(ex.Message))
                {
                    errors.Add(ex.Message);
                }
            }
        }

        return errors;
    }

    private static HashSet<string> AllChainServices(IConfigEntryLookup entries)
    {
        var services = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in new[] { ConfigEntryKinds.ServiceRouter, ConfigEntryKinds.ServiceSplitter, ConfigEntryKinds.ServiceResolver })
        {
            foreach (var entry in entries.List(kind))
            {
                services.Add(entry.Name);
            }
        }

        return services;
    }

    // The service itself and every service whose chain can reach it through routes, splits, redirects or failover.
    private static HashSet<string> ChainsReaching(string service, IConfigEntryLookup entries)
    {
        var referencedBy = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Edge(string from, string to)
        {
            if (to.Length == 0 || to == from)
            {
                return;
            }

            if (!referencedBy.TryGetValue(to, out var set))
            {
                referencedBy[to] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(from);
        }

        foreach (var entry in entries.List(ConfigEntryKinds.ServiceRouter).OfType<ServiceRouterConfigEntry>())
        {
            foreach (var route in entry.Routes)
            {
                Edge(entry.Name, route.Destination?.Service ?? "");
            }
        }

        foreach (var entry in entries.List(ConfigEntryKinds.ServiceSplitter).OfType<ServiceSplitterConfigEntry>())
        {
            foreach (var split in entry.Splits)
            {
                Edge(entry.Name, split.Service);
            }
        }

        foreach (var entry in entries.List(ConfigEntryKinds.ServiceResolver).OfType<ServiceResolverConfigEntry>())
        {
            if (entry.Redirect is { } redirect)
            {
                Edge(entry.Name, redirect.Service);
            }

            foreach (var failover in entry.Failover.Values)
            {
                Edge(entry.Name, failover.Service);
                foreach (var target in failover.Targets)
                {
                    Edge(entry.Name, target.Service);
                }
            }
        }

        var result = new HashSet<string>(StringComparer.Ordinal) { service };
        var todo = new Queue<string>();
        todo.Enqueue(service);
        while (todo.TryDequeue(out var current))
        {
            if (!referencedBy.TryGetValue(current, out var parents))
            {
                continue;
            }

            foreach (var parent in parents)
            {
                if (result.Add(parent))
                {
                    todo.Enqueue(parent);
                }
            }
        }

        return result;
    }
}
