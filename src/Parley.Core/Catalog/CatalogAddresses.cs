namespace Parley.Core.Catalog;

/// <summary>Which address of an instance to dial (Consul's <c>CheckServiceNode.BestAddress</c>).</summary>
/// <remarks>Pure.</remarks>
public static class CatalogAddresses
{
    /// <summary>The tag of the address reachable from other clusters.</summary>
    public const string Wan = "wan";

    /// <summary>The tag of the address reachable inside the cluster.</summary>
    public const string Lan = "lan";

    /// <summary>
    /// The address and port to dial: from another cluster (<paramref name="wan"/>) the service's <c>wan</c> tagged
    /// address, else the service address, else the node's <c>wan</c> tagged address, else the node address; from
    /// inside, the service address, else the node address. The port is the service port unless the chosen service
    /// <c>wan</c> address carries its own.
    /// </summary>
    public static (string Address, int Port) Best(Node node, ServiceInstance service, bool wan)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        var (address, port) = (service.Address, service.Port);
        if (wan && service.TaggedAddresses.TryGetValue(Wan, out var tagged))
        {
            address = tagged.Address;
            if (tagged.Port != 0)
            {
                port = tagged.Port;
            }
        }

        if (address.Length == 0)
        {
            address = wan && node.TaggedAddresses.TryGetValue(Wan, out var nodeWan) && nodeWan.Length > 0 ? nodeWan : node.Address;
        }

        return (address, port);
    }

    /// <summary><c>host:port</c>, with an IPv6 host bracketed (Go's <c>ipaddr.FormatAddressPort</c>).</summary>
    public static string Format(string address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = address.Contains(':', StringComparison.Ordinal) && !address.StartsWith('[') ? $"[{address}]" : address;
        return $"{host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
