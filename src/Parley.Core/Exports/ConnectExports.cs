using Parley.Core.ConfigEntries;
using Parley.Core.DiscoveryChain;

namespace Parley.Core.Exports;

/// <summary>
/// Which exported services a peer can reach through the mesh, and how (consul-compat 4.5.1): a service is
/// <em>connect-exported</em> when it has a discovery-chain entry (resolver, router or splitter), a
/// <c>connect-proxy</c> in front of it, or is connect-native. Only those get synthetic sidecar proxies on the peer.
/// </summary>
/// <remarks>
/// Pure. Consul also counts services behind a terminating gateway; Parley has no terminating gateways yet.
/// </remarks>
public static class ConnectExports
{
    /// <summary>The connect-exported names among <paramref name="exportedNames"/>, each with its chain info.</summary>
    /// <param name="exportedNames">The names exported to the peer.</param>
    /// <param name="meshEnabled">Local names fronted by a <c>connect-proxy</c> or registered connect-native.</param>
    /// <param name="entries">The config entries (chains, service-defaults, proxy-defaults).</param>
    /// <param name="datacenter">This cluster's datacenter.</param>
    /// <param name="trustDomain">This cluster's trust domain.</param>
    public static IReadOnlyDictionary<string, ExportedChainInfo> For(
        IEnumerable<string> exportedNames, IReadOnlySet<string> meshEnabled, IConfigEntryLookup entries, string datacenter,
            string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(exportedNames);
        ArgumentNullException.ThrowIfNull(meshEnabled);
        ArgumentNullException.ThrowIfNull(entries);
        var chains = ChainNames(entries).ToHashSet(StringComparer.Ordinal);
        var result = new SortedDictionary<string, ExportedChainInfo>(StringComparer.Ordinal);
        foreach (var name in exportedNames)
        {
            if (meshEnabled.Contains(name) || chains.Contains(name))
            {
                result[name] = ChainInfo(name, entries, datacenter, trustDomain);
            }
        }

        return result;
    }

    /// <summary>Names that have a resolver, router or splitter entry.</summary>
    public static IEnumerable<string> ChainNames(IConfigEntryLookup entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new[] { ConfigEntryKinds.ServiceResolver, ConfigEntryKinds.ServiceRouter, ConfigEntryKinds.ServiceSplitter }
            .SelectMany(entries.List)
            .Select(e => e.Name)
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// The protocol of <paramref name="service"/>'s compiled chain (service-defaults, else proxy-defaults, else
    /// <c>tcp</c>) and, for a non-HTTP protocol, the other services its targets name. Only targets in this datacenter
    /// count: the exporting gateway drops targets in another datacenter or peer, so no connection lands there.
    /// </summary>
    public static ExportedChainInfo ChainInfo(string service, IConfigEntryLookup entries, string datacenter, string trustDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentNullException.ThrowIfNull(entries);
        CompiledDiscoveryChain chain;
        try
        {
            chain = DiscoveryChainCompiler.Compile(new DiscoveryChainRequest
            {
                ServiceName = service,
                EvaluateInDatacenter = datacenter,
                EvaluateInTrustDomain = trustDomain,
                Entries = entries,
            });
        }
        catch (ConfigEntryGraphException)
        {
            // Writes validate the graph, so only entries stored before a rule existed get here: keep the configured protocol.
            return new ExportedChainInfo(ConfiguredProtocol(service, entries), []);
        }

        if (DiscoveryChainCompiler.IsHttpLikeProtocol(chain.Protocol))
        {
            return new ExportedChainInfo(chain.Protocol, []);
        }

        var targets = chain.Targets.Values
            .Where(t => t.Peer.Length == 0 && t.Datacenter == datacenter && t.Service != service)
            .Select(t => t.Service)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ExportedChainInfo(chain.Protocol, targets);
    }

    private static string ConfiguredProtocol(string service, IConfigEntryLookup entries)
    {
        // The compiler's rule: a service-defaults entry decides even when it names no protocol.
        var protocol = entries.Get(ConfigEntryKinds.ServiceDefaults, service) is ServiceDefaultsConfigEntry defaults
            ? defaults.Protocol
            : (entries.Get(ConfigEntryKinds.ProxyDefaults, ConfigEntryKinds.ProxyDefaultsGlobalName) as ProxyDefaultsConfigEntry)?.Protocol
                ?? "";
        return protocol.Length == 0 ? "tcp" : protocol.ToLowerInvariant();
    }
}
