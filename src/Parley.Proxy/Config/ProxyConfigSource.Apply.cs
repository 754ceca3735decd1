using Parley.Proxy.Config.Inputs;

namespace Parley.Proxy.Config;

/// <content>Applying a watch result: rebuild, publish, and start or stop the watches the new configuration needs.</content>
public sealed partial class ProxyConfigSource
{
    private void OnRegistration(ProxyRegistration? registration)
    {
        if (registration is null)
        {
            _logger.ProxyRegistrationMissing(_proxyId);
            return;
        }

        Update(i => i with { Registration = registration });
    }

    private void Update(Func<ProxyInputs, ProxyInputs> change)
    {
        lock (_lock)
        {
            _inputs = change(_inputs);
            var build = SnapshotBuilder.Build(_inputs, _chains);
            _chains = build.Chains;
            _plumbing.ReportWarnings(build.Warnings);
            Reconcile(build);
            if (build.Snapshot is { } snapshot)
            {
                _feed?.Publish(snapshot);
            }
        }
    }

    // Called under the lock: the watches follow what the latest build needs.
    private void Reconcile(SnapshotBuild build)
    {
        if (_dynamic is not { } dynamic)
        {
            return;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        if (_inputs.Registration is { } registration)
        {
            var service = registration.Proxy.DestinationServiceName.Length > 0
                ? registration.Proxy.DestinationServiceName
                : registration.Service;
            var leafKey = "leaf " + service;
            wanted.Add(leafKey);
            dynamic.Ensure(leafKey, ct => _plumbing.Watch(leafKey, (index, wait, c) => _reads.LeafAsync(service, index, wait, c),
                leaf => Update(i => i with { Leaf = leaf }), ct));

            var bundlesKey = "inbound trust bundles " + service;
            wanted.Add(bundlesKey);
            dynamic.Ensure(bundlesKey,
                ct => _plumbing.Watch(bundlesKey, (index, wait, c) => _reads.PeerBundlesAsync(service, index, wait, c),
                bundles => Update(i => i with { InboundPeerBundles = bundles }), ct));
        }

        foreach (var key in build.Endpoints)
        {
            var name = "endpoints " + key;
            wanted.Add(name);
            dynamic.Ensure(name, ct => _plumbing.Watch(name, (index, wait, c) => _reads.ConnectEndpointsAsync(key, index, wait, c),
                endpoints => Update(i => i with { Endpoints = i.Endpoints.SetItem(key, endpoints) }), ct));
        }

        if (build.NeedsLocalMeshGateways)
        {
            const string GatewaysKey = "local mesh gateways";
            wanted.Add(GatewaysKey);
            dynamic.Ensure(GatewaysKey, ct => _plumbing.Watch(GatewaysKey, _reads.MeshGatewaysAsync,
                gateways => Update(i => i with { LocalMeshGateways = gateways }), ct));
        }

        dynamic.RetainOnly(wanted);
    }

}
