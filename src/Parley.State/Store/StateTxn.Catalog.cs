using System.Collections.Immutable;
using Parley.Core;
using Parley.Core.Catalog;

namespace Parley.State.Store;

internal sealed partial class StateTxn
{
    private static readonly ImmutableSortedSet<string> NoCheckIds = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public Node? GetNode(string peer, string name) => _nodes.GetValueOrDefault(Keys.Node(peer, name));

    /// <summary>Creates or updates a node; an unchanged node is not rewritten.</summary>
    public void EnsureNode(Node node, bool keepExisting = false)
    {
        var key = Keys.Node(node.PeerName, node.Name);
        if (_nodes.TryGetValue(key, out var existing))
        {
            if (keepExisting || existing.SameAs(node))
            {
                return;
            }

            _nodes[key] = node with { CreateIndex = existing.CreateIndex, ModifyIndex = _index };
        }
        else
        {
            _nodes[key] = node with { CreateIndex = _index, ModifyIndex = _index };
        }

        Touch(Tables.Nodes);
        TouchServicesOnNode(key);
    }

    /// <summary>Creates or updates a service instance on an existing node.</summary>
    public void EnsureService(ServiceInstance service)
    {
        var nodeKey = Keys.Node(service.PeerName, service.Node);
        if (!_nodes.TryGetValue(nodeKey, out var node))
        {
            throw ParleyException.NotFound($"Missing node registration for \"{service.Node}\"");
        }

        service = service with { Node = node.Name };
        var rows = _services.GetValueOrDefault(nodeKey)
            ?? ImmutableSortedDictionary.Create<string, ServiceInstance>(StringComparer.Ordinal);
        if (rows.TryGetValue(service.ID, out var existing))
        {
            if (existing.SameAs(service))
            {
                return;
            }

            service = service with { CreateIndex = existing.CreateIndex, ModifyIndex = _index };
            if (existing.Service != service.Service)
            {
                // The instance leaves the old name: watchers of that name must wake too.
                RemoveFromNameIndex(existing.PeerName, existing.Service, new ServiceRef(nodeKey, existing.ID));
                Touch(Tables.Service(existing.PeerName, existing.Service));
            }

            if (existing.Kind != service.Kind)
            {
                // Likewise for the watchers of its old kind.
                RemoveFromKindIndex(existing.PeerName, existing.Kind, new ServiceRef(nodeKey, existing.ID));
                TouchKind(existing);
            }
        }
        else
        {
            service = service with { CreateIndex = _index, ModifyIndex = _index };
        }

        _services[nodeKey] = rows.SetItem(service.ID, service);
        AddToNameIndex(service.PeerName, service.Service, new ServiceRef(nodeKey, service.ID));
        AddToKindIndex(service.PeerName, service.Kind, new ServiceRef(nodeKey, service.ID));
        Touch(Tables.Services);
        TouchService(service);
        UpdateCheckServiceFields(nodeKey, service);
    }

    /// <summary>Creates or updates a check; a service check needs its service on the same node.</summary>
    public void EnsureCheck(HealthCheck check)
    {
        var nodeKey = Keys.Node(check.PeerName, check.Node);
        if (!_nodes.TryGetValue(nodeKey, out var node))
        {
            throw ParleyException.NotFound($"Missing node registration for \"{check.Node}\"");
        }

        check = check with { Node = node.Name, Status = check.Status.Length == 0 ? HealthStatus.Critical : check.Status };
        if (check.ServiceID.Length > 0)
        {
            var service = _services.GetValueOrDefault(nodeKey)?.GetValueOrDefault(check.ServiceID)
                ?? throw ParleyException.NotFound(
                    $"Missing service registration for check \"{check.CheckID}\":" +
                    $" no service \"{check.ServiceID}\" on node \"{node.Name}\"");
            check = check with { ServiceName = service.Service, ServiceTags = service.Tags };
        }
        else
        {
            check = check with { ServiceName = "", ServiceTags = [] };
        }

        var rows = _checks.GetValueOrDefault(nodeKey) ?? ImmutableSortedDictionary.Create<string, HealthCheck>(StringComparer.Ordinal);
        if (rows.TryGetValue(check.CheckID, out var existing))
        {
            if (existing.SameAs(check))
            {
                return;
            }

            check = check with { CreateIndex = existing.CreateIndex, ModifyIndex = _index };

            // A check that moves to another service (or between node and service) leaves its old owner's answer.
            TouchCheck(nodeKey, existing);
            if (existing.ServiceID != check.ServiceID)
            {
                UnindexCheck(nodeKey, existing);
                IndexCheck(nodeKey, check);
            }
        }
        else
        {
            check = check with { CreateIndex = _index, ModifyIndex = _index };
            IndexCheck(nodeKey, check);
        }

        _checks[nodeKey] = rows.SetItem(check.CheckID, check);
        TouchCheck(nodeKey, check);
    }

    /// <summary>Sets a check's status and output; false if the check does not exist.</summary>
    public bool UpdateCheckStatus(string peer, string node, string checkId, string status, string output)
    {
        var nodeKey = Keys.Node(peer, node);
        var existing = _checks.GetValueOrDefault(nodeKey)?.GetValueOrDefault(checkId);
        if (existing is null)
        {
            return false;
        }

        EnsureCheck(existing with { Status = status, Output = output });
        return true;
    }

    /// <summary>Removes a node with everything on it. A missing node is not an error.</summary>
    public void DeleteNode(string peer, string name)
    {
        var nodeKey = Keys.Node(peer, name);
        if (!_nodes.Remove(nodeKey))
        {
            return;
        }

        foreach (var service in _services.GetValueOrDefault(nodeKey)?.Values ?? [])
        {
            DeleteService(peer, name, service.ID);
        }

        // What is left are the node's own checks (its services' went with them).
        if (_checks.TryGetValue(nodeKey, out var checks))
        {
            foreach (var check in checks.Values)
            {
                _checksByOwner.Remove(new ServiceRef(nodeKey, check.ServiceID));
            }

            _checks.Remove(nodeKey);
            Touch(Tables.Checks);
        }

        Touch(Tables.Nodes);
    }

    /// <summary>Removes a service instance and its checks. A missing one is not an error.</summary>
    public void DeleteService(string peer, string node, string serviceId)
    {
        var nodeKey = Keys.Node(peer, node);
        var rows = _services.GetValueOrDefault(nodeKey);
        if (rows is null || !rows.TryGetValue(serviceId, out var service))
        {
            return;
        }

        rows = rows.Remove(serviceId);
        if (rows.IsEmpty)
        {
            _services.Remove(nodeKey);
        }
        else
        {
            _services[nodeKey] = rows;
        }

        RemoveFromNameIndex(peer, service.Service, new ServiceRef(nodeKey, serviceId));
        RemoveFromKindIndex(peer, service.Kind, new ServiceRef(nodeKey, serviceId));
        Touch(Tables.Services);
        TouchService(service);

        if (_checksByOwner.TryGetValue(new ServiceRef(nodeKey, serviceId), out var checkIds))
        {
            foreach (var checkId in checkIds)
            {
                DeleteCheck(peer, node, checkId);
            }
        }
    }

    /// <summary>Removes one check. A missing check is not an error.</summary>
    public void DeleteCheck(string peer, string node, string checkId)
    {
        var nodeKey = Keys.Node(peer, node);
        var rows = _checks.GetValueOrDefault(nodeKey);
        if (rows is null || !rows.TryGetValue(checkId, out var check))
        {
            return;
        }

        rows = rows.Remove(checkId);
        if (rows.IsEmpty)
        {
            _checks.Remove(nodeKey);
        }
        else
        {
            _checks[nodeKey] = rows;
        }

        UnindexCheck(nodeKey, check);
        TouchCheck(nodeKey, check);
    }

    private void IndexCheck(string nodeKey, HealthCheck check)
    {
        var owner = new ServiceRef(nodeKey, check.ServiceID);
        _checksByOwner[owner] = (_checksByOwner.GetValueOrDefault(owner) ?? NoCheckIds).Add(check.CheckID);
    }

    private void UnindexCheck(string nodeKey, HealthCheck check)
    {
        var owner = new ServiceRef(nodeKey, check.ServiceID);
        if (_checksByOwner.TryGetValue(owner, out var ids))
        {
            ids = ids.Remove(check.CheckID);
            if (ids.IsEmpty)
            {
                _checksByOwner.Remove(owner);
            }
            else
            {
                _checksByOwner[owner] = ids;
            }
        }
    }

    private void TouchCheck(string nodeKey, HealthCheck check)
    {
        Touch(Tables.Checks);
        if (check.ServiceID.Length > 0)
        {
            Touch(Tables.Service(check.PeerName, check.ServiceName));
            if (_services.GetValueOrDefault(nodeKey)?.GetValueOrDefault(check.ServiceID) is { } service)
            {
                TouchKind(service);
            }
        }
        else
        {
            // A node check changes the health of every service on that node.
            TouchServicesOnNode(nodeKey);
        }
    }

    private void TouchServicesOnNode(string nodeKey)
    {
        foreach (var service in _services.GetValueOrDefault(nodeKey)?.Values ?? [])
        {
            TouchService(service);
        }
    }

    /// <summary>Wakes the watchers of an instance's name and, for a non-typical instance, of its kind.</summary>
    private void TouchService(ServiceInstance service)
    {
        Touch(Tables.Service(service.PeerName, service.Service));
        TouchKind(service);
    }

    private void TouchKind(ServiceInstance service)
    {
        if (service.Kind.Length > 0)
        {
            Touch(Tables.ServiceKind(service.PeerName, service.Kind));
        }
    }

    private void UpdateCheckServiceFields(string nodeKey, ServiceInstance service)
    {
        if (!_checksByOwner.TryGetValue(new ServiceRef(nodeKey, service.ID), out var checkIds))
        {
            return;
        }

        var rows = _checks[nodeKey];
        foreach (var checkId in checkIds)
        {
            var check = rows[checkId];
            if (check.ServiceName != service.Service || !Maps.Equal(check.ServiceTags, service.Tags))
            {
                EnsureCheck(check);
            }
        }
    }

    private void AddToNameIndex(string peer, string name, ServiceRef r)
    {
        var key = Keys.ServiceName(peer, name);
        var set = _servicesByName.GetValueOrDefault(key) ?? ImmutableSortedSet<ServiceRef>.Empty;
        _servicesByName[key] = set.Add(r);
    }

    private void RemoveFromNameIndex(string peer, string name, ServiceRef r) => RemoveRef(_servicesByName, Keys.ServiceName(peer, name), r);

    /// <summary>Typical instances are not indexed by kind: nobody asks for "every ordinary service".</summary>
    private void AddToKindIndex(string peer, string kind, ServiceRef r)
    {
        if (kind.Length > 0)
        {
            var key = Keys.ServiceKind(peer, kind);
            _servicesByKind[key] = (_servicesByKind.GetValueOrDefault(key) ?? ImmutableSortedSet<ServiceRef>.Empty).Add(r);
        }
    }

    private void RemoveFromKindIndex(string peer, string kind, ServiceRef r)
    {
        if (kind.Length > 0)
        {
            RemoveRef(_servicesByKind, Keys.ServiceKind(peer, kind), r);
        }
    }

    private static void RemoveRef(ImmutableDictionary<string, ImmutableSortedSet<ServiceRef>>.Builder index, string key, ServiceRef r)
    {
        if (index.TryGetValue(key, out var set))
        {
            set = set.Remove(r);
            if (set.IsEmpty)
            {
                index.Remove(key);
            }
            else
            {
                index[key] = set;
            }
        }
    }

    /// <summary>
    /// The checks of one service instance (of the node itself, for an empty <paramref name="serviceId"/>), ordered by id.
    /// </summary>
    public IEnumerable<HealthCheck> InstanceChecksOf(string peer, string node, string serviceId)
    {
        var nodeKey = Keys.Node(peer, node);
        return _checksByOwner.TryGetValue(new ServiceRef(nodeKey, serviceId), out var ids) ? ids.Select(id => _checks[nodeKey][id]) : [];
    }

    public bool HasServices(string peer, string node) => _services.GetValueOrDefault(Keys.Node(peer, node)) is { IsEmpty: false };

    /// <summary>Instances of one service name of one peer.</summary>
    public IEnumerable<ServiceInstance> InstancesOf(string peer, string name)
    {
        foreach (var r in _servicesByName.GetValueOrDefault(Keys.ServiceName(peer, name)) ?? [])
        {
            yield return _services[r.NodeKey][r.ServiceId];
        }
    }

    /// <summary>The service names of one peer, as registered (the index's keys are lower-cased).</summary>
    public IEnumerable<string> ServiceNamesOf(string peer)
    {
        var prefix = Keys.PeerPrefix(peer);
        foreach (var (key, refs) in _servicesByName)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && refs.Count > 0)
            {
                var first = refs.Min;
                yield return _services[first.NodeKey][first.ServiceId].Service;
            }
        }
    }
}
