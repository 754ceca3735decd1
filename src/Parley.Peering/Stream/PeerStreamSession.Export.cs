using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Parley.Core.Catalog;
using Parley.Mesh.Ca;
using Parley.Peering.Backend;
using Parley.Peering.Export;
using Parley.Peering.V1;
using Parley.State.Store;

namespace Parley.Peering.Stream;

internal sealed partial class PeerStreamSession
{
    // What was last sent, per resource ID ("exported-service-list", "service:<name>", "roots", "server-addrs"):
    // identical payloads are not resent. Only the exporter task touches these.
    private readonly Dictionary<string, byte[]> _sentHashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _serviceIndexes = new(StringComparer.Ordinal);
    private (long Config, long Services) _namesKey = (-1, -1);
    private (long Config, long Services) _listKey = (-1, -1);
    private IReadOnlyList<string> _exportedNames = [];

    // The exported names by the table key of their index, and the snapshot every exported service was last checked
    // at: a pass then looks only at the services whose index moved since (StateStore.TryGetChanges), not at every name.
    private Dictionary<string, List<string>> _namesByIndexKey = new(StringComparer.Ordinal);
    private long _servicesCheckedAt = -1;
    private long _rootsIndex = -1;
    private (long, long, long) _serverAddressesIndex = (-1, -1, -1);

    /// <summary>
    /// Sends what this cluster exports to the peer, for each resource type the peer subscribed to, whenever the
    /// state changes; recomputes only what the changed tables can affect and sends only what differs.
    /// </summary>
    private async Task ExportLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _subscriptionsChanged.Reset();
            var changed = _host.Store.NextChange;
            var snapshot = _host.Store.Current;
            if (snapshot.GetPeeringById(PeeringId) is not { IsActive: true } peering)
            {
                // Deleted or terminated here: tell the peer, unless it is the peer that terminated.
                if (!_remoteTerminated)
                {
                    RequestTerminate();
                }

                return;
            }

            await ExportAsync(snapshot, peering.Name, cancellationToken);
            await Task.WhenAny(changed, _subscriptionsChanged.Task).WaitAsync(cancellationToken);
        }
    }

    private async Task ExportAsync(StateSnapshot snapshot, string peerName, CancellationToken cancellationToken)
    {
        var wantsList = _remoteSubscriptions.ContainsKey(ResourceUrls.ExportedServiceList);
        var wantsServices = _remoteSubscriptions.ContainsKey(ResourceUrls.ExportedService);
        if (wantsList || wantsServices)
        {
            // The names depend only on config entries and (for "*") on which services exist, not on health.
            var key = (snapshot.TableIndex(Tables.ConfigEntries), snapshot.TableIndex(Tables.Services));
            if (key != _namesKey)
            {
                _exportedNames = ExportedServiceNames.ForPeer(snapshot, peerName);
                _namesKey = key;
                _namesByIndexKey = _exportedNames
                    .GroupBy(name => Tables.Service("", name), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

                // Other names: every one is checked once (and the ones no longer exported forgotten).
                _servicesCheckedAt = -1;
            }
        }

        // The list is built (and hashed) only when the names may have moved: at 10 000 names that cost more than a flip.
        if (wantsList && _listKey != _namesKey)
        {
            _listKey = _namesKey;
            var list = new ExportedServiceList();
            list.Services.AddRange(_exportedNames);
            if (await SendIfChangedAsync(ResourceUrls.ExportedServiceList, ResourceIds.ExportedServiceList,
                ResourceIds.ExportedServiceList, list, cancellationToken))
            {
                _host.Tracker.SetExportedServices(PeeringId, _exportedNames);
            }
        }

        if (wantsServices)
        {
            await ExportServicesAsync(snapshot, cancellationToken);
            await ExportSyntheticProxiesAsync(snapshot, peerName, cancellationToken);
        }

        if (_remoteSubscriptions.ContainsKey(ResourceUrls.PeeringTrustBundle))
        {
            await ExportRootsAsync(snapshot, cancellationToken);
        }

        // Only the acceptor tells the dialer where its servers are.
        if (!IsDialer && _remoteSubscriptions.ContainsKey(ResourceUrls.PeeringServerAddresses))
        {
            var index = PeeringAddresses.AdvertisedIndex(snapshot);
            if (index != _serverAddressesIndex)
            {
                _serverAddressesIndex = index;

                // With PeerThroughMeshGateways these are the gateways' WAN addresses; none registered: nothing is pushed.
                var (addresses, _) = PeeringAddresses.Advertised(snapshot);
                if (addresses.Count > 0)
                {
                    var message = new PeeringServerAddresses();
                    message.Addresses.AddRange(addresses);
                    await SendIfChangedAsync(
                        ResourceUrls.PeeringServerAddresses,
                        ResourceIds.ServerAddresses,
                        ResourceIds.ServerAddresses,
                        message,
                        cancellationToken);
                }
            }
        }
    }

    private async Task ExportServicesAsync(StateSnapshot snapshot, CancellationToken cancellationToken)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        if (_servicesCheckedAt >= 0 && _host.Store.TryGetChanges(_servicesCheckedAt, snapshot.Index, changed))
        {
            // The common case (health and instances of a few services moved): look only at those.
            foreach (var key in changed)
            {
                if (_namesByIndexKey.TryGetValue(key, out var names))
                {
                    foreach (var name in names)
                    {
                        await ExportServiceIfMovedAsync(snapshot, name, cancellationToken);
                    }
                }
            }
        }
        else
        {
            await ExportEveryServiceAsync(snapshot, cancellationToken);
        }

        _servicesCheckedAt = snapshot.Index;
    }

    private async Task ExportEveryServiceAsync(StateSnapshot snapshot, CancellationToken cancellationToken)
    {
        var exported = new HashSet<string>(_exportedNames, StringComparer.Ordinal);
        foreach (var name in _serviceIndexes.Keys.Where(n => !exported.Contains(n)).ToList())
        {
            // No longer exported: the importer prunes it on the new list; a later re-export must be sent again.
            _serviceIndexes.Remove(name);
            _sentHashes.Remove(ServiceKey(name));
        }

        foreach (var name in _exportedNames)
        {
            await ExportServiceIfMovedAsync(snapshot, name, cancellationToken);
        }
    }

    private async Task ExportServiceIfMovedAsync(StateSnapshot snapshot, string name, CancellationToken cancellationToken)
    {
        // A "-sidecar-proxy" name never has instances to export of its own: under that resource ID the peer gets
        // the synthetic proxies of the service it fronts (PeerStreamSession.Mesh).
        if (name.EndsWith(ServiceKinds.SidecarSuffix, StringComparison.Ordinal))
        {
            return;
        }

        var index = snapshot.ServiceIndex(name);
        if (_serviceIndexes.TryGetValue(name, out var last) && last == index)
        {
            return;
        }

        _serviceIndexes[name] = index;
        await SendServiceIfChangedAsync(name, ExportedInstances.For(snapshot, name), cancellationToken);
    }

    /// <summary>
    /// Sends one <c>ExportedService</c> (in pages when large) unless it is what was last sent under that name; an empty
    /// list deregisters the name on the peer.
    /// </summary>
    private async Task SendServiceIfChangedAsync(string name, IReadOnlyList<V1.CheckServiceNode> nodes, CancellationToken cancellationToken)
    {
        var encoded = ExportPager.Encode(nodes);
        if (_sentHashes.TryGetValue(ServiceKey(name), out var sent) && sent.AsSpan().SequenceEqual(encoded.Hash))
        {
            return;
        }

        var pages = ExportPager.Pages(nodes, encoded, _host.Options.ExportPageBytes, out var skipped);
        foreach (var instance in skipped)
        {
            _logger.InstanceTooLarge(instance, name, PeerName);
        }

        foreach (var page in pages)
        {
            await EnqueueAsync(ResourceUrls.ExportedService, name, page, cancellationToken);
        }

        _sentHashes[ServiceKey(name)] = encoded.Hash;
        _logger.ResourceSent(ResourceUrls.ExportedService, name, PeerName, pages.Count);
    }

    private async Task ExportRootsAsync(StateSnapshot snapshot, CancellationToken cancellationToken)
    {
        var index = snapshot.TableIndex(Tables.System(ConnectCa.StateKey));
        if (index == _rootsIndex)
        {
            return;
        }

        _rootsIndex = index;
        var roots = ConnectCa.Roots(snapshot);
        if (roots.Count == 0 || _host.Ca.TrustDomain is not { } trustDomain)
        {
            return;
        }

        var bundle = new V1.PeeringTrustBundle { TrustDomain = trustDomain };
        bundle.RootPems.AddRange(roots.Select(r => r.RootCert.EndsWith('\n') ? r.RootCert : r.RootCert + "\n"));
        await SendIfChangedAsync(ResourceUrls.PeeringTrustBundle, ResourceIds.Roots, ResourceIds.Roots, bundle, cancellationToken);
    }

    /// <summary>Sends <paramref name="resource"/> unless the same bytes were the last sent under <paramref name="hashKey"/>.</summary>
    private async Task<bool> SendIfChangedAsync(
        string url,
        string resourceId,
        string hashKey,
        IMessage resource,
        CancellationToken cancellationToken)
    {
        var bytes = resource.ToByteArray();
        var hash = SHA256.HashData(bytes);
        if (_sentHashes.TryGetValue(hashKey, out var sent) && sent.AsSpan().SequenceEqual(hash))
        {
            return false;
        }

        // Sent as the bytes just hashed (what Any.Pack would make of the message, without serialising it again).
        var packed = new Any { TypeUrl = AnyTypeUrlPrefix + resource.Descriptor.FullName, Value = UnsafeByteOperations.UnsafeWrap(bytes) };
        await EnqueueAsync(url, resourceId, packed, cancellationToken);
        _sentHashes[hashKey] = hash;
        _logger.ResourceSent(url, resourceId, PeerName, 1);
        return true;
    }

    private ValueTask EnqueueAsync(string url, string resourceId, Any resource, CancellationToken cancellationToken) =>
        _data.Writer.WriteAsync(
            new ReplicationMessage
            {
                Response = new ReplicationMessage.Types.Response
                {
                    Nonce = NextNonce(),
                    ResourceUrl = url,
                    ResourceId = resourceId,
                    Resource = resource,
                    Operation = Operation.Upsert,
                },
            },
            cancellationToken);

    private const string AnyTypeUrlPrefix = "type.googleapis.com/";

    private static string ServiceKey(string name) => "service:" + name;
}
