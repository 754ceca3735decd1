using System.Globalization;
using Parley.Core.Catalog;

namespace Parley.Core.Connect;

/// <summary>
/// How the agent turns a registration's <c>Connect.SidecarService</c> into its own <c>connect-proxy</c> instance, as
/// Consul's <c>sidecarServiceFromNodeService</c> (<c>agent/sidecar_service.go</c>) and <c>addServiceLocked</c> do:
/// ID, name, kind, address, tags and meta from the parent, Proxy defaults, a port from the sidecar range, and two
/// default checks when the sidecar defines none. Pure.
/// </summary>
public static class SidecarExpansion
{
    /// <summary>The lowest port the agent assigns to a sidecar (<c>ports.sidecar_min_port</c>).</summary>
    public const int DefaultMinPort = 21000;

    /// <summary>The highest port the agent assigns to a sidecar (<c>ports.sidecar_max_port</c>).</summary>
    public const int DefaultMaxPort = 21255;

    /// <summary>The name of the default TCP check on the sidecar's port.</summary>
    public const string ListeningCheckName = "Connect Sidecar Listening";

    /// <summary>The TCP check's interval.</summary>
    public static readonly TimeSpan ListeningCheckInterval = TimeSpan.FromSeconds(10);

    /// <summary>The ID every sidecar of <paramref name="parentId"/> gets.</summary>
    public static string SidecarId(string parentId) => parentId + ServiceKinds.SidecarSuffix;

    /// <summary>
    /// The sidecar instance: <paramref name="sidecar"/> (the nested definition as given, with no ID) completed from
    /// <paramref name="parent"/>. Its port is left as given; see <see cref="AllocatePort"/>.
    /// </summary>
    public static ServiceInstance ApplyDefaults(ServiceInstance parent, ServiceInstance sidecar)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(sidecar);
        var proxy = sidecar.Proxy ?? new ConnectProxyConfig();
        proxy = proxy with
        {
            DestinationServiceName = proxy.DestinationServiceName.Length > 0 ? proxy.DestinationServiceName : parent.Service,
            DestinationServiceID = proxy.DestinationServiceID.Length > 0 ? proxy.DestinationServiceID : parent.ID,
        };

        // Only when the proxy was told nowhere to reach the application: its socket, else 127.0.0.1 and its port.
        if (proxy.LocalServiceSocketPath.Length == 0 && (proxy.LocalServiceAddress.Length == 0 || proxy.LocalServicePort < 1))
        {
            proxy = parent.SocketPath.Length > 0
                ? proxy with { LocalServiceSocketPath = parent.SocketPath }
                : proxy with { LocalServiceAddress = "127.0.0.1", LocalServicePort = parent.Port };
        }

        return sidecar with
        {
            Node = parent.Node,
            ID = SidecarId(parent.ID),
            Service = sidecar.Service.Length > 0 ? sidecar.Service : parent.Service + ServiceKinds.SidecarSuffix,
            Kind = sidecar.Kind.Length > 0 ? sidecar.Kind : ServiceKinds.ConnectProxy,
            Address = sidecar.Address.Length > 0 ? sidecar.Address : parent.Address,
            Tags = sidecar.Tags.Count > 0 ? sidecar.Tags : parent.Tags,
            Meta = sidecar.Meta.Count > 0 ? sidecar.Meta : parent.Meta,
            Proxy = proxy,
        };
    }

    /// <summary>
    /// The port for a sidecar registered without one: the one it already has when it is re-registered, else the lowest
    /// port in [<paramref name="minPort"/>, <paramref name="maxPort"/>] no local service uses.
    /// </summary>
    /// <param name="localServices">The services registered with this agent.</param>
    /// <param name="sidecarId">The sidecar's ID.</param>
    /// <param name="minPort">The range's low end; 0 or less disables assignment.</param>
    /// <param name="maxPort">The range's high end (inclusive).</param>
    /// <exception cref="ParleyException">No port is left, or assignment is disabled (Consul's texts).</exception>
    public static int AllocatePort(IEnumerable<ServiceInstance> localServices, string sidecarId, int minPort, int maxPort)
    {
        ArgumentNullException.ThrowIfNull(localServices);
        if (minPort <= 0 || maxPort < minPort)
        {
            throw ParleyException.Invalid("no port provided for sidecar_service and auto-assignment disabled in config");
        }

        var used = new HashSet<int>();
        foreach (var other in localServices)
        {
            if (other.Port < minPort || other.Port > maxPort)
            {
                continue;
            }

            if (other.ID == sidecarId)
            {
                // The same sidecar registered again keeps the port it was given.
                return other.Port;
            }

            used.Add(other.Port);
        }

        for (var port = minPort; port <= maxPort; port++)
        {
            if (!used.Contains(port))
            {
                return port;
            }
        }

        throw ParleyException.Invalid(string.Create(
            CultureInfo.InvariantCulture,
                $"no port provided for sidecar_service and none left in the configured range [{minPort}, {maxPort}]"));
    }

    /// <summary>
    /// The checks a sidecar gets when it defines none: a TCP check on its port every 10 s, and an alias of the parent's
    /// health; IDs <c>service:&lt;sidecar ID&gt;:1</c> and <c>:2</c>, both critical until they first run.
    /// </summary>
    public static IReadOnlyList<HealthCheck> DefaultChecks(ServiceInstance parent, ServiceInstance sidecar)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(sidecar);
        var host = sidecar.Address.Length > 0 ? sidecar.Address : sidecar.Proxy?.LocalServiceAddress ?? "";
        var tcp = new CheckDefinition
        {
            TCP = (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host) + ":"
                + sidecar.Port.ToString(CultureInfo.InvariantCulture),
            Interval = ListeningCheckInterval,
        };
        var alias = new CheckDefinition { AliasService = parent.ID };
        return
        [
            Check(sidecar, 1, ListeningCheckName, tcp),
            Check(sidecar, 2, "Connect Sidecar Aliasing " + parent.ID, alias),
        ];
    }

    private static HealthCheck Check(ServiceInstance sidecar, int number, string name, CheckDefinition definition) => new()
    {
        Node = sidecar.Node,
        CheckID = $"service:{sidecar.ID}:" + number.ToString(CultureInfo.InvariantCulture),
        Name = name,
        Status = HealthStatus.Critical,
        ServiceID = sidecar.ID,
        Type = definition.Type,
        DefinitionJson = definition.ToJson(),
    };
}
