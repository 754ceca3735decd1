using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <content>Building the graph: router, splitters, resolvers and targets.</content>
internal sealed partial class ChainCompilation
{
    private readonly record struct TargetOpts(
        string Service,
        string ServiceSubset = "",
        string Namespace = "",
        string Partition = "",
        string Datacenter = "",
        string Peer = "");

    private void AssembleChain()
    {
        if (GetServiceDefaults(ServiceName) is { } serviceDefaults)
        {
            _serviceMeta = serviceDefaults.Meta;
        }

        var router = _entries.Get(ConfigEntryKinds.ServiceRouter, ServiceName) as ServiceRouterConfigEntry;
        if (router is not null && _disableAdvancedRoutingFeatures)
        {
            router = null;
            _customizedByProtocol = true;
        }

        if (router is null)
        {
            _startNode = GetSplitterOrResolverNode(NewTarget(new TargetOpts(ServiceName))).MapKey;
            return;
        }

        var routeNode = new DiscoveryGraphNode(
            DiscoveryGraphNodeType.Router,
            ServiceIdString(router.Name, EvaluateInNamespace, EvaluateInPartition));
        _usesAdvancedRoutingFeatures = true;
        RecordServiceProtocol(router.Name);

        foreach (var route in router.Routes)
        {
            var compiled = new DiscoveryRoute { Definition = route };
            routeNode.RouteList.Add(compiled);

            var dest = route.Destination ?? new ServiceRouteDestination { Service = ServiceName };
            var service = Default(dest.Service, ServiceName);
            var ns = Default(dest.Namespace, EvaluateInNamespace);
            var partition = Default(dest.Partition, EvaluateInPartition);

            // A destination naming a subset is not eligible for further splitting.
            var node = dest.ServiceSubset.Length == 0
                ? GetSplitterOrResolverNode(NewTarget(new TargetOpts(service, Namespace: ns, Partition: partition)))
                : GetResolverNode(NewTarget(new TargetOpts(service, dest.ServiceSubset, ns, partition)), recursedForFailover: false);
            compiled.NextNode = node.MapKey;
        }

        // Unmatched traffic goes on to the service itself through a catch-all route.
        var defaultNode = GetSplitterOrResolverNode(
            NewTarget(new TargetOpts(router.Name, Namespace: EvaluateInNamespace, Partition: EvaluateInPartition)));
        routeNode.RouteList.Add(new DiscoveryRoute
        {
            Definition = new ServiceRoute
            {
                Match = new ServiceRouteMatch { Http = new ServiceRouteHttpMatch { PathPrefix = "/" } },
                Destination = new ServiceRouteDestination
                {
                    Service = router.Name,
                    Namespace = EvaluateInNamespace,
                    Partition = EvaluateInPartition,
                },
            },
            NextNode = defaultNode.MapKey,
        });

        _startNode = routeNode.MapKey;
        RecordNode(routeNode);
    }

    private DiscoveryTarget NewTarget(TargetOpts opts)
    {
        if (opts.Peer.Length == 0)
        {
            opts = opts with
            {
                Datacenter = Default(opts.Datacenter, _request.EvaluateInDatacenter),
                Namespace = Default(opts.Namespace, EvaluateInNamespace),
                Partition = Default(opts.Partition, EvaluateInPartition),
            };
        }
        else
        {
            // A peer target has no datacenter, lives under the caller's partition, and its namespace
            // defaults to "default" rather than the caller's.
            opts = opts with
            {
                ServiceSubset = "",
                Datacenter = "",
                Partition = EvaluateInPartition,
                Namespace = Default(opts.Namespace, "default"),
            };
        }

        var target = new DiscoveryTarget(opts.Service, opts.ServiceSubset, opts.Namespace, opts.Partition, opts.Datacenter, opts.Peer);
        if (_loadedTargets.TryGetValue(target.Id, out var previous))
        {
            return previous;
        }

        if (opts.Peer.Length == 0)
        {
            // The peer's trust domain is unknown here, so peer targets keep SNI and Name empty.
            target.Sni = DiscoveryTarget.TargetSni(
                target.Service, target.ServiceSubset, target.Namespace, target.Partition, target.Datacenter,
                    _request.EvaluateInTrustDomain);
            target.Name = target.Sni;
        }

        _loadedTargets[target.Id] = target;
        return target;
    }

    private DiscoveryTarget RewriteTarget(DiscoveryTarget t, TargetOpts opts)
    {
        var merged = new TargetOpts(t.Service, t.ServiceSubset, t.Namespace, t.Partition, t.Datacenter, t.Peer);
        if (opts.Service.Length > 0 && opts.Service != merged.Service)
        {
            // Another service's subsets mean nothing here.
            merged = merged with { Service = opts.Service, ServiceSubset = "" };
        }

        if (opts.ServiceSubset.Length > 0)
        {
            merged = merged with { ServiceSubset = opts.ServiceSubset };
        }

        if (opts.Partition.Length > 0)
        {
            merged = merged with { Partition = opts.Partition };
        }

        if (opts.Namespace.Length > 0 || opts.Peer.Length > 0)
        {
            merged = merged with { Namespace = opts.Namespace };
        }

        if (opts.Datacenter.Length > 0)
        {
            merged = merged with { Datacenter = opts.Datacenter };
        }

        return NewTarget(merged with { Peer = opts.Peer });
    }

    private DiscoveryGraphNode GetSplitterOrResolverNode(DiscoveryTarget target) =>
        GetSplitterNode(target.Service, target.Namespace, target.Partition) ?? GetResolverNode(target, recursedForFailover: false);

    private DiscoveryGraphNode? GetSplitterNode(string service, string ns, string partition)
    {
        var name = ServiceIdString(service, ns, partition);
        if (_splitterNodes.TryGetValue(name, out var previous))
        {
            return previous;
        }

        var splitter = _entries.Get(ConfigEntryKinds.ServiceSplitter, service) as ServiceSplitterConfigEntry;
        if (splitter is not null && _disableAdvancedRoutingFeatures)
        {
            splitter = null;
            _customizedByProtocol = true;
        }

        if (splitter is null)
        {
            return null;
        }

        var splitNode = new DiscoveryGraphNode(DiscoveryGraphNodeType.Splitter, name);

        // Recorded before recursing so that a loop below finds this node instead of recursing forever.
        RecordNode(splitNode);

        var hasLoadBalancer = false;
        foreach (var split in splitter.Splits)
        {
            var compiled = new DiscoverySplit { Definition = split, Weight = split.Weight };
            splitNode.SplitList.Add(compiled);

            var splitService = Default(split.Service, service);
            var splitNs = Default(split.Namespace, ns);
            var splitPartition = Default(split.Partition, partition);
            var sameService = splitService == service && splitNs == ns && splitPartition == partition;
            if (!sameService && split.ServiceSubset.Length == 0 &&
                GetSplitterNode(splitService, splitNs, splitPartition) is { } nextSplitter)
            {
                compiled.NextNode = nextSplitter.MapKey;
                continue;
            }

            var node = GetResolverNode(
                NewTarget(new TargetOpts(splitService, split.ServiceSubset, splitNs, splitPartition)),
                recursedForFailover: false);
            compiled.NextNode = node.MapKey;

            // One route action can carry only one hash policy: the first hash-based balancer wins.
            if (!hasLoadBalancer && node.LoadBalancer is { IsHashBased: true } lb)
            {
                splitNode.LoadBalancer = lb;
                hasLoadBalancer = true;
            }
        }

        _usesAdvancedRoutingFeatures = true;
        return splitNode;
    }

    private static string Default(string value, string fallback) => value.Length > 0 ? value : fallback;
}
