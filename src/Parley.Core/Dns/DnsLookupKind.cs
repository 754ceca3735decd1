namespace Parley.Core.Dns;

/// <summary>What a DNS question under the agent's domain asks for (Consul's query kinds).</summary>
public enum DnsLookupKind
{
    /// <summary>A name Consul does not answer: NXDOMAIN.</summary>
    Invalid,

    /// <summary><c>[tag.]service.service[.locality]</c> and RFC 2782 <c>_service._tag.service[.locality]</c>.</summary>
    Service,

    /// <summary><c>service.connect[.dc]</c>: the service's mesh-capable instances (sidecars, connect-native).</summary>
    Connect,

    /// <summary><c>service.ingress[.dc]</c>: ingress gateways in front of the service.</summary>
    Ingress,

    /// <summary><c>node.node[.locality]</c>.</summary>
    Node,

    /// <summary><c>name.query[.dc]</c>: a prepared query.</summary>
    Query,

    /// <summary><c>hex.addr[.dc]</c>: an address written in hexadecimal (what SRV targets point at).</summary>
    Address,

    /// <summary><c>service.virtual[.peer]</c>: a service's virtual IP.</summary>
    Virtual,
}
