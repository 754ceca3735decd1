using System.Globalization;
using Parley.Core.Filtering;

namespace Parley.Proxy.Config.Inputs;

/// <summary>
/// An instance as a service-resolver subset's <c>Filter</c> sees it (Consul evaluates it against the health entry):
/// <c>Service.ID</c>, <c>Service.Service</c>, <c>Service.Kind</c>, <c>Service.Address</c>, <c>Service.Port</c>,
/// <c>Service.Tags</c>, <c>Service.Meta[.key]</c>, <c>Node.Node</c>, <c>Node.Address</c>, <c>Node.Datacenter</c>,
/// <c>Node.Meta[.key]</c>.
/// </summary>
public sealed record EndpointSubject : IFilterSubject
{
    public string ServiceId { get; init; } = "";

    public string ServiceName { get; init; } = "";

    public string Kind { get; init; } = "";

    public string ServiceAddress { get; init; } = "";

    public int Port { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    public string Node { get; init; } = "";

    public string NodeAddress { get; init; } = "";

    public string Datacenter { get; init; } = "";

    public IReadOnlyDictionary<string, string> NodeMeta { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc/>
    public FilterValue Resolve(IReadOnlyList<string> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return selector switch
        {
            ["Service", "ID"] => FilterValue.Of(ServiceId),
            ["Service", "Service"] => FilterValue.Of(ServiceName),
            ["Service", "Kind"] => FilterValue.Of(Kind),
            ["Service", "Address"] => FilterValue.Of(ServiceAddress),
            ["Service", "Port"] => FilterValue.Of(Port.ToString(CultureInfo.InvariantCulture)),
            ["Service", "Tags"] => FilterValue.Of(Tags),
            ["Service", "Meta"] => FilterValue.Of(Meta),
            ["Service", "Meta", var key] => Meta.TryGetValue(key, out var value) ? FilterValue.Of(value) : FilterValue.Missing,
            ["Node", "Node"] => FilterValue.Of(Node),
            ["Node", "Address"] => FilterValue.Of(NodeAddress),
            ["Node", "Datacenter"] => FilterValue.Of(Datacenter),
            ["Node", "Meta"] => FilterValue.Of(NodeMeta),
            ["Node", "Meta", var key] => NodeMeta.TryGetValue(key, out var value) ? FilterValue.Of(value) : FilterValue.Missing,
            _ => FilterValue.Missing,
        };
    }
}
