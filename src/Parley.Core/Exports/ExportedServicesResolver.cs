using Parley.Core.ConfigEntries;

namespace Parley.Core.Exports;

/// <summary>
/// Which services leave the cluster, and to whom: the pure reading of the <c>exported-services</c> entry.
/// Only what the entry grants to a peer name is exported; the <c>consul</c> service never is.
/// </summary>
public static class ExportedServicesResolver
{
    /// <summary>The service Consul servers register for themselves; never exported.</summary>
    public const string ConsulService = "consul";

    /// <summary>Service names exported to <paramref name="peerName"/>, sorted.</summary>
    /// <param name="entry">The partition's <c>exported-services</c> entry, or null.</param>
    /// <param name="peerName">The local name of the peer.</param>
    /// <param name="localServices">Local service names with their kinds ("" for typical services).</param>
    /// <param name="chainNames">Names that have resolver, router or splitter entries (exported by <c>*</c> too).</param>
    public static IReadOnlyList<string> ForPeer(
        ExportedServicesConfigEntry? entry, string peerName, IEnumerable<(string Name, string Kind)> localServices,
            IEnumerable<string> chainNames)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        if (entry is null)
        {
            return [];
        }

        IReadOnlyCollection<string>? wildcard = null;
        foreach (var service in entry.Services)
        {
            if (!service.Consumers.Any(c => string.Equals(c.Peer, peerName, StringComparison.Ordinal)))
            {
                continue;
            }

            if (service.Name == "*")
            {
                wildcard ??= WildcardNames(localServices, chainNames);
                result.UnionWith(wildcard);
            }
            else if (service.Name != ConsulService)
            {
                result.Add(service.Name);
            }
        }

        return [.. result];
    }

    /// <summary>Every exported service with the sorted peers it is exported to (for <c>/v1/exported-services</c>).</summary>
    public static IReadOnlyList<(string Service, IReadOnlyList<string> Peers)> All(
        ExportedServicesConfigEntry? entry, IEnumerable<(string Name, string Kind)> localServices, IEnumerable<string> chainNames)
    {
        if (entry is null)
        {
            return [];
        }

        var peers = entry.Services.SelectMany(s => s.Consumers).Select(c => c.Peer).Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal);
        var byService = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var locals = localServices.ToList();
        var chains = chainNames.ToList();
        foreach (var peer in peers)
        {
            foreach (var name in ForPeer(entry, peer, locals, chains))
            {
                if (!byService.TryGetValue(name, out var set))
                {
                    byService[name] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(peer);
            }
        }

        return [.. byService.Select(p => (p.Key, (IReadOnlyList<string>)[.. p.Value]))];
    }

    /// <summary><c>*</c>: all typical (non-proxy, non-gateway) local service names plus names with chain entries.</summary>
    private static SortedSet<string> WildcardNames(IEnumerable<(string Name, string Kind)> localServices, IEnumerable<string> chainNames)
    {
        var names = new SortedSet<string>(localServices.Where(s => s.Kind.Length == 0).Select(s => s.Name), StringComparer.Ordinal);
        names.UnionWith(chainNames);
        names.Remove(ConsulService);
        return names;
    }
}
