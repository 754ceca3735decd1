using Parley.Core.Catalog;

namespace Parley.State.Store;

public sealed partial class StateSnapshot
{
    /// <summary>
    /// The mesh-capable instances in front of service <paramref name="name"/>: <c>connect-proxy</c> instances whose
    /// <c>Proxy.DestinationServiceName</c> is the name (whatever they are called), then connect-native instances of it.
    /// The index is the service's and the connect-proxy kind's, so a proxy registered under a new name wakes watchers
    /// while registrations of anything else do not. Serves <c>/v1/health/connect</c>, <c>/v1/catalog/connect</c> and
    /// DNS <c>&lt;service&gt;.connect</c>.
    /// </summary>
    public (List<CheckServiceNode> Rows, long Index) ConnectServiceNodes(string name, string peer = "")
    {
        var proxyNames = ServiceInstancesOfKind(ServiceKinds.ConnectProxy, peer)
            .Where(i => i.Proxy?.DestinationServiceName == name)
            .Select(i => i.Service)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var rows = proxyNames
            .SelectMany(n => CheckServiceNodes(n, peer))
            .Where(r => r.Service.Kind == ServiceKinds.ConnectProxy && r.Service.Proxy?.DestinationServiceName == name)
            .Concat(CheckServiceNodes(name, peer).Where(r => r.Service.Connect?.Native == true))
            .ToList();
        var index = Math.Max(ServiceIndex(name, peer), ServiceKindIndex(ServiceKinds.ConnectProxy, peer));
        return (rows, index);
    }
}
