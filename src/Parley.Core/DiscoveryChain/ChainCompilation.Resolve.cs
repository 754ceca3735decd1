using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <content>Resolver nodes: redirects, default subsets, timeouts, mesh gateway mode and failover.</content>
internal sealed partial class ChainCompilation
{
    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    private DiscoveryGraphNode GetResolverNode(DiscoveryTarget target, bool recursedForFailover)
    {
        var redirectHistory = new HashSet<string>(StringComparer.Ordinal);
        var redirectOrder = new List<string>();
        ServiceResolverConfigEntry resolver;

        while (true)
        {
            if (_resolveNodes.TryGetValue(target.Id, out var previous))
            {
                return previous;
            }

            // Peer targets' protocol is not known locally, so only local ones are checked.
            if (target.Peer.Length == 0)
            {
                RecordServiceProtocol(target.Service);
            }

            resolver = GetResolver(target.Service);

            if (!redirectHistory.Add(target.Id))
            {
                redirectOrder.Add(target.Id);
                throw new ConfigEntryGraphException($"detected circular resolver redirect: [{string.Join(" -> ", redirectOrder)}]");
            }

            redirectOrder.Add(target.Id);

            if (resolver.Redirect is { } redirect)
            {
                var redirected = RewriteTarget(target, new TargetOpts(
                    redirect.Service, redirect.ServiceSubset, redirect.Namespace, redirect.Partition, redirect.Datacenter, redirect.Peer));
                if (redirected.Id != target.Id)
                {
                    target = redirected;
                    continue;
                }
            }

            if (target.ServiceSubset.Length == 0 && target.Peer.Length == 0 && resolver.DefaultSubset.Length > 0)
            {
                target = RewriteTarget(target, new TargetOpts("", resolver.DefaultSubset));
                continue;
            }

            break;
        }

        if (target.ServiceSubset.Length > 0 && !resolver.SubsetExists(target.ServiceSubset))
        {
            throw new ConfigEntryGraphException(
                $"service {Q(target.Service)} does not have a subset named {Q(target.ServiceSubset)}");
        }

        var connectTimeout = resolver.ConnectTimeout > TimeSpan.Zero ? resolver.ConnectTimeout : DefaultConnectTimeout;
        if (_request.OverrideConnectTimeout > TimeSpan.Zero && connectTimeout != _request.OverrideConnectTimeout)
        {
            connectTimeout = _request.OverrideConnectTimeout;
            _customizedByConnectTimeout = true;
        }

        target.ConnectTimeout = connectTimeout;

        var node = new DiscoveryGraphNode(DiscoveryGraphNodeType.Resolver, target.Id)
        {
            Resolver = new DiscoveryResolver
            {
                Default = resolver.IsDefault,
                Target = target.Id,
                ConnectTimeout = connectTimeout,
                RequestTimeout = resolver.RequestTimeout,
            },
            LoadBalancer = resolver.LoadBalancer,
        };

        target.Subset = resolver.Subsets.GetValueOrDefault(target.ServiceSubset) ?? new ServiceResolverSubset();

        var serviceDefaults = GetServiceDefaults(target.Service);
        if (serviceDefaults is { ExternalSni.Length: > 0 })
        {
            target.Sni = serviceDefaults.ExternalSni;
            target.External = true;
        }

        if (target.External)
        {
            var problem = resolver switch
            {
                { Redirect: not null } => "cannot define redirects for external services",
                { Subsets.Count: > 0 } => "cannot define subsets for external services",
                { Failover.Count: > 0 } => "cannot define failover for external services",
                _ => null,
            };
            if (problem is not null)
            {
                throw new ConfigEntryGraphException($"service {Q(target.Service)} has an external SNI set; {problem}");
            }

            // External services bypass mesh gateways.
            target.MeshGateway = new MeshGatewayConfig();
        }
        else
        {
            ApplyMeshAndProxyDefaults(target, serviceDefaults);
        }

        _retainedTargets.Add(target.Id);

        if (recursedForFailover)
        {
            // Failover targets go through redirects and defaults but are neither cached nor failed over again.
            return node;
        }

        RecordNode(node);
        AddFailover(node, target, resolver);
        return node;
    }

    private ServiceResolverConfigEntry GetResolver(string service)
    {
        if (!_resolvers.TryGetValue(service, out var resolver))
        {
            resolver = _entries.Get(ConfigEntryKinds.ServiceResolver, service) as ServiceResolverConfigEntry
                ?? new ServiceResolverConfigEntry { Name = service };
            _resolvers[service] = resolver;
        }

        return resolver;
    }

    private void ApplyMeshAndProxyDefaults(DiscoveryTarget target, ServiceDefaultsConfigEntry? serviceDefaults)
    {
        var mode = serviceDefaults?.MeshGateway.Mode ?? "";
        var dialedDirectly = serviceDefaults?.TransparentProxy.DialedDirectly ?? false;
        if (GetProxyDefaults() is { } proxyDefaults)
        {
            if (mode.Length == 0)
            {
                mode = proxyDefaults.MeshGateway.Mode;
            }

            dialedDirectly = dialedDirectly || proxyDefaults.TransparentProxy.DialedDirectly;
        }

        var overrideMode = _request.OverrideMeshGateway.Mode;
        if (overrideMode.Length > 0 && mode != overrideMode)
        {
            mode = overrideMode;
            _customizedByMeshGateway = true;
        }

        target.MeshGateway = new MeshGatewayConfig { Mode = mode };
        target.TransparentProxy = new TransparentProxyConfig { DialedDirectly = dialedDirectly };
    }

    private void AddFailover(DiscoveryGraphNode node, DiscoveryTarget target, ServiceResolverConfigEntry resolver)
    {
        if (resolver.Failover.Count == 0)
        {
            return;
        }

        if (!resolver.Failover.TryGetValue(target.ServiceSubset, out var failover) && !resolver.Failover.TryGetValue("*", out failover))
        {
            return;
        }

        var failoverTargets = new List<DiscoveryTarget>();
        void AddUnlessSelf(DiscoveryTarget candidate)
        {
            // Never fail over to the primary target itself.
            if (candidate.Id != target.Id)
            {
                failoverTargets.Add(candidate);
            }
        }

        if (failover.Datacenters.Count > 0)
        {
            foreach (var dc in failover.Datacenters)
            {
                AddUnlessSelf(
                    RewriteTarget(target, new TargetOpts(failover.Service, failover.ServiceSubset, failover.Namespace, Datacenter: dc)));
            }
        }
        else if (failover.Targets.Count > 0)
        {
            foreach (var t in failover.Targets)
            {
                AddUnlessSelf(
                    RewriteTarget(target, new TargetOpts(t.Service, t.ServiceSubset, t.Namespace, t.Partition, t.Datacenter, t.Peer)));
            }
        }
        else
        {
            AddUnlessSelf(RewriteTarget(target, new TargetOpts(failover.Service, failover.ServiceSubset, failover.Namespace)));
        }

        if (failoverTargets.Count == 0)
        {
            return;
        }

        var ids = new List<string>(failoverTargets.Count);
        foreach (var failoverTarget in failoverTargets)
        {
            ids.Add(GetResolverNode(failoverTarget, recursedForFailover: true).Resolver!.Target);
        }

        node.Resolver = node.Resolver! with
        {
            Failover = new DiscoveryFailover
            {
                Targets = ids,
                Policy = failover.Policy is { Mode.Length: > 0 } ? failover.Policy : null,
            },
        };
    }
}
