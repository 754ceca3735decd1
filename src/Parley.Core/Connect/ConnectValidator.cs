using Parley.Core.Catalog;
using Parley.Core.Go;

namespace Parley.Core.Connect;

/// <summary>
/// Consul's rules for the mesh parts of a service registration (<c>NodeService.Validate</c> /
/// <c>ValidateForAgent</c> in <c>agent/structs/structs.go</c>, <c>Upstream.Validate</c> in
/// <c>connect_proxy_config.go</c>), with Consul's texts. Pure.
/// </summary>
public static class ConnectValidator
{
    private const string Wildcard = "*";

    private static readonly HashSet<string> ExposeProtocols = new(StringComparer.Ordinal) { "http", "http2" };

    /// <summary>Every reason <paramref name="service"/> is refused, in Consul's order; empty when it is valid.</summary>
    /// <param name="service">The instance as it would be stored.</param>
    /// <param name="forAgent">
    /// True for the agent's endpoint (<c>ValidateForAgent</c>: the agent assigns a missing sidecar port); false for the
    /// catalog, which also needs a port or socket path on a <c>connect-proxy</c>.
    /// </param>
    /// <param name="hasSidecarService">The registration's Connect block has a <c>SidecarService</c>.</param>
    public static IReadOnlyList<string> Validate(ServiceInstance service, bool forAgent, bool hasSidecarService = false)
    {
        ArgumentNullException.ThrowIfNull(service);
        var errors = new List<string>();
        var proxy = service.Proxy ?? new ConnectProxyConfig();
        if (!forAgent && service.Kind == ServiceKinds.ConnectProxy && service.Port == 0 && service.SocketPath.Length == 0)
        {
            errors.Add($"Port or SocketPath must be set for a {service.Kind}");
        }

        if (service.Kind == ServiceKinds.ConnectProxy)
        {
            ValidateProxy(service, proxy, errors);
        }

        if (ServiceKinds.IsGateway(service.Kind))
        {
            ValidateGateway(service, proxy, hasSidecarService, errors);
        }

        if (service.Connect?.Native == true && service.Port == 0 && service.SocketPath.Length == 0)
        {
            errors.Add("Port or SocketPath must be set for a Connect native service.");
        }

        return errors;
    }

    /// <summary>The reasons a nested <c>SidecarService</c> definition is refused (it may not name an ID or nest another).</summary>
    public static IReadOnlyList<string> ValidateSidecarDefinition(bool hasId, bool hasNestedSidecar)
    {
        var errors = new List<string>();
        if (hasId)
        {
            errors.Add("A SidecarService cannot specify an ID as this is managed by the agent");
        }

        if (hasNestedSidecar)
        {
            errors.Add("A SidecarService cannot have a nested SidecarService");
        }

        return errors;
    }

    /// <summary>Consul's reason for one upstream, or null when it is valid (<c>Upstream.Validate</c>).</summary>
    public static string? ValidateUpstream(Upstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (upstream.DestinationType is not ("" or Upstream.TypeService or Upstream.TypePreparedQuery))
        {
            return $"unknown upstream destination type: {GoQuote.Quote(upstream.DestinationType)}";
        }

        if (upstream.DestinationName.Length == 0)
        {
            return "upstream destination name cannot be empty";
        }

        if (upstream.DestinationName == Wildcard && !upstream.CentrallyConfigured)
        {
            return "upstream destination name cannot be a wildcard";
        }

        if (upstream.DestinationPeer.Length > 0 && upstream.Datacenter.Length > 0)
        {
            return "upstream cannot specify both destination peer and datacenter";
        }

        if (upstream.LocalBindPort == 0 && upstream.LocalBindSocketPath.Length == 0 && !upstream.CentrallyConfigured)
        {
            return "upstream local bind port or local socket path must be defined and nonzero";
        }

        return upstream.LocalBindPort != 0 && upstream.LocalBindSocketPath.Length > 0 && !upstream.CentrallyConfigured
            ? "only one of upstream local bind port or local socket path can be defined and nonzero"
            : null;
    }

    /// <summary>The errors as go-multierror prints them (<c>1 error occurred:\n\t* ...</c>).</summary>
    public static string Format(IReadOnlyList<string> errors) => GoErrors.MultiError(errors);

    /// <summary>
    /// What the agent stores for a valid registration: upstreams with an empty <c>DestinationType</c> get
    /// <c>service</c>, as Consul's <c>ServiceDefinition.NodeService</c> does.
    /// </summary>
    public static ServiceInstance Normalize(ServiceInstance service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Proxy is not { } proxy || proxy.Upstreams.All(u => u.DestinationType.Length > 0))
        {
            return service;
        }

        return service with
        {
            Proxy = proxy with
            {
                Upstreams = [
                    .. proxy.Upstreams.Select(u => u.DestinationType.Length > 0 ? u : u with { DestinationType = Upstream.TypeService })],
            },
        };
    }

    private static void ValidateProxy(ServiceInstance service, ConnectProxyConfig proxy, List<string> errors)
    {
        if (proxy.DestinationServiceName.Trim().Length == 0)
        {
            errors.Add("Proxy.DestinationServiceName must be non-empty for Connect proxy services");
        }

        if (proxy.DestinationServiceName == Wildcard)
        {
            errors.Add("Proxy.DestinationServiceName must not be a wildcard for Connect proxy services");
        }

        if (service.Connect?.Native == true)
        {
            errors.Add("A Proxy cannot also be Connect Native, only typical services");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var bindAddresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var upstream in proxy.Upstreams)
        {
            if (upstream.DestinationPeer.Length > 0 && upstream.DestinationPartition is not ("" or "default"))
            {
                errors.Add("upstreams must target peers in the same partition as the service");
                continue;
            }

            if (ValidateUpstream(upstream) is { } reason)
            {
                errors.Add(reason);
                continue;
            }

            var key = Key(upstream);
            if (!keys.Add(key))
            {
                errors.Add($"upstreams cannot contain duplicates of {key}");
                continue;
            }

            var address = upstream.LocalBindSocketPath.Length > 0
                ? upstream.LocalBindSocketPath
                : JoinHostPort(upstream.EffectiveBindAddress, upstream.LocalBindPort);
            if (!bindAddresses.Add(address) && !upstream.CentrallyConfigured)
            {
                errors.Add(
                    $"upstreams cannot contain duplicates by local bind address and port or unix path;" +
                    $" {GoQuote.Quote(address)} is specified twice");
            }
        }

        var listeners = new HashSet<int>();
        foreach (var path in proxy.Expose.Paths)
        {
            if (path.Path.Length == 0)
            {
                errors.Add("expose.paths: empty path exposed");
            }

            if (!listeners.Add(path.ListenerPort))
            {
                errors.Add("expose.paths: duplicate listener ports exposed");
            }

            if (path.ListenerPort is <= 0 or > 65535)
            {
                errors.Add("expose.paths: invalid listener port: "
                    + path.ListenerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var protocol = path.Protocol.ToLowerInvariant();
            if (protocol.Length > 0 && !ExposeProtocols.Contains(protocol))
            {
                errors.Add($"protocol '{protocol}' not supported for path: {path.Path}, must be in: [http http2]");
            }
        }
    }

    private static void ValidateGateway(ServiceInstance service, ConnectProxyConfig proxy, bool hasSidecarService, List<string> errors)
    {
        var kind = service.Kind;
        if (service.Port == 0 && kind is not (ServiceKinds.IngressGateway or ServiceKinds.ApiGateway))
        {
            errors.Add($"Port must be non-zero for a {kind}");
        }

        if (hasSidecarService)
        {
            errors.Add($"A {kind} cannot have a sidecar service defined");
        }

        var invalid = new (bool Set, string Field)[]
        {
            (proxy.DestinationServiceName.Length > 0, "DestinationServiceName"),
            (proxy.DestinationServiceID.Length > 0, "DestinationServiceID"),
            (proxy.LocalServiceAddress.Length > 0, "LocalServiceAddress"),
            (proxy.LocalServicePort != 0, "LocalServicePort"),
            (proxy.LocalServiceSocketPath.Length > 0, "LocalServiceSocketPath"),
            (proxy.Upstreams.Count != 0, "Upstreams"),
        };
        foreach (var (set, field) in invalid)
        {
            if (set)
            {
                errors.Add($"The Proxy.{field} configuration is invalid for a {kind}");
            }
        }
    }

    /// <summary>Consul's <c>UpstreamKey.String()</c>.</summary>
    private static string Key(Upstream u) =>
        $"[type={GoQuote.Quote(u.EffectiveType)}, name={GoQuote.Quote(u.DestinationName)}, " +
        $"partition={GoQuote.Quote(u.DestinationPartition)}, namespace={GoQuote.Quote(u.DestinationNamespace)}, " +
        $"peer={GoQuote.Quote(u.DestinationPeer)}, datacenter={GoQuote.Quote(u.Datacenter)}]";

    private static string JoinHostPort(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host) + ":"
            + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
