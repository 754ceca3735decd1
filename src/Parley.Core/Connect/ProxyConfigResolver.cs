using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;

namespace Parley.Core.Connect;

/// <summary>
/// The effective <c>Proxy</c> block of a proxy or gateway instance once central config applies, as Consul's
/// <c>ComputeResolvedServiceConfig</c> and <c>MergeServiceConfig</c> compute it (and its agent serves it from
/// <c>/v1/agent/service/:id</c>). The registration always wins over central config; central config only fills what it
/// left empty. Pure; the agent's endpoint and <c>Parley.Proxy</c> call the same function.
/// </summary>
/// <remarks>
/// Precedence:
/// <list type="bullet">
/// <item><c>Config</c>: the registration's keys, then (for missing keys) <c>proxy-defaults/global</c>'s <c>Config</c>
/// with <c>protocol</c> (and <c>local_connect_timeout_ms</c>, <c>local_request_timeout_ms</c>,
/// <c>max_inbound_connections</c>, <c>balance_inbound_connections</c>) replaced by the destination's
/// <c>service-defaults</c> where it sets them.</item>
/// <item><c>MeshGateway.Mode</c>, <c>Mode</c>, <c>TransparentProxy</c>, <c>MutualTLSMode</c>, <c>Expose</c>:
/// registration &gt; destination's service-defaults &gt; proxy-defaults.</item>
/// <item>Each service upstream's <c>Config</c>: its own keys, then the upstream's protocol (its own service-defaults,
/// else proxy-defaults' <c>protocol</c>), the calling service's <c>UpstreamConfig.Defaults</c>, and its
/// <c>UpstreamConfig.Overrides</c> entry for that name (and peer), later ones winning.</item>
/// <item>Each service upstream's <c>MeshGateway.Mode</c>: its own &gt; the override's &gt; the registration's
/// <c>Proxy.MeshGateway</c> &gt; <c>UpstreamConfig.Defaults</c>; when still empty the proxy's effective mode applies
/// (<see cref="UpstreamMeshGatewayMode"/>), as Consul's xDS layer does.</item>
/// </list>
/// </remarks>
public static class ProxyConfigResolver
{
    /// <summary>
    /// The effective Proxy block of <paramref name="instance"/>; its registered block as is for a typical instance, or
    /// when no config entry applies.
    /// </summary>
    /// <param name="instance">A <c>connect-proxy</c> or gateway instance as registered.</param>
    /// <param name="entries">The config entries (proxy-defaults, service-defaults).</param>
    public static ConnectProxyConfig? Resolve(ServiceInstance instance, IConfigEntryLookup entries)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(entries);
        if (instance.Kind != ServiceKinds.ConnectProxy && !ServiceKinds.IsGateway(instance.Kind))
        {
            return instance.Proxy;
        }

        var registered = instance.Proxy ?? new ConnectProxyConfig();
        var proxyDefaults =
            entries.Get(ConfigEntryKinds.ProxyDefaults, ConfigEntryKinds.ProxyDefaultsGlobalName) as ProxyDefaultsConfigEntry;
        var name = instance.Kind == ServiceKinds.ConnectProxy ? registered.DestinationServiceName : instance.Service;
        var serviceDefaults = entries.Get(ConfigEntryKinds.ServiceDefaults, name) as ServiceDefaultsConfigEntry;

        var defaults = Defaults(proxyDefaults, serviceDefaults);
        var resolved = registered with
        {
            Config = FillMissing(registered.Config, defaults.Config),
            MeshGateway = registered.MeshGateway.Mode.Length > 0 ? registered.MeshGateway : defaults.MeshGateway,
            Mode = registered.Mode.Length > 0 ? registered.Mode : defaults.Mode,
            TransparentProxy = new TransparentProxyConfig
            {
                OutboundListenerPort = registered.TransparentProxy.OutboundListenerPort != 0
                    ? registered.TransparentProxy.OutboundListenerPort
                    : defaults.TransparentProxy.OutboundListenerPort,
                DialedDirectly = registered.TransparentProxy.DialedDirectly || defaults.TransparentProxy.DialedDirectly,
            },
            MutualTLSMode = registered.MutualTLSMode.Length > 0 ? registered.MutualTLSMode : defaults.MutualTLSMode,
            Expose = new ExposeConfig
            {
                Checks = registered.Expose.Checks || defaults.Expose.Checks,
                Paths = registered.Expose.Paths.Count > 0 ? registered.Expose.Paths : defaults.Expose.Paths,
            },
        };

        if (registered.Upstreams.Count == 0)
        {
            return resolved;
        }

        var globalProtocol = proxyDefaults?.Protocol ?? "";
        return resolved with
        {
            Upstreams = [.. registered.Upstreams.Select(u => ResolveUpstream(u, registered, serviceDefaults, globalProtocol, entries))],
        };
    }

    /// <summary>The mesh gateway mode one upstream of a resolved proxy uses: its own, else the proxy's.</summary>
    public static string UpstreamMeshGatewayMode(ConnectProxyConfig resolvedProxy, Upstream upstream)
    {
        ArgumentNullException.ThrowIfNull(resolvedProxy);
        ArgumentNullException.ThrowIfNull(upstream);
        return upstream.MeshGateway.Mode.Length > 0 ? upstream.MeshGateway.Mode : resolvedProxy.MeshGateway.Mode;
    }

    /// <summary>What central config says for the service (Consul's <c>ServiceConfigResponse</c> top half).</summary>
    private static ConnectProxyConfig Defaults(ProxyDefaultsConfigEntry? proxyDefaults, ServiceDefaultsConfigEntry? serviceDefaults)
    {
        var d = new ConnectProxyConfig();
        if (proxyDefaults is not null)
        {
            d = d with
            {
                Config = proxyDefaults.Config?.DeepClone().AsObject(),
                Mode = proxyDefaults.Mode,
                TransparentProxy = proxyDefaults.TransparentProxy,
                MeshGateway = proxyDefaults.MeshGateway,
                Expose = proxyDefaults.Expose,
            };
        }

        if (serviceDefaults is null)
        {
            return d;
        }

        var config = d.Config ?? [];
        SetIf(config, "protocol", serviceDefaults.Protocol);
        SetIf(config, "max_inbound_connections", serviceDefaults.MaxInboundConnections);
        SetIf(config, "local_connect_timeout_ms", serviceDefaults.LocalConnectTimeoutMs);
        SetIf(config, "local_request_timeout_ms", serviceDefaults.LocalRequestTimeoutMs);
        SetIf(config, "balance_inbound_connections", serviceDefaults.BalanceInboundConnections);
        return d with
        {
            Config = config.Count > 0 ? config : null,
            Expose = new ExposeConfig
            {
                Checks = d.Expose.Checks || serviceDefaults.Expose.Checks,
                Paths = serviceDefaults.Expose.Paths.Count > 0 ? serviceDefaults.Expose.Paths : d.Expose.Paths,
            },
            MeshGateway = serviceDefaults.MeshGateway.Mode.Length > 0 ? serviceDefaults.MeshGateway : d.MeshGateway,
            Mode = serviceDefaults.Mode.Length > 0 ? serviceDefaults.Mode : d.Mode,
            TransparentProxy = new TransparentProxyConfig
            {
                OutboundListenerPort = serviceDefaults.TransparentProxy.OutboundListenerPort != 0
                    ? serviceDefaults.TransparentProxy.OutboundListenerPort
                    : d.TransparentProxy.OutboundListenerPort,
                DialedDirectly = serviceDefaults.TransparentProxy.DialedDirectly || d.TransparentProxy.DialedDirectly,
            },
        };
    }

    private static Upstream ResolveUpstream(
        Upstream upstream, ConnectProxyConfig registered, ServiceDefaultsConfigEntry? caller, string globalProtocol,
            IConfigEntryLookup entries)
    {
        if (upstream.EffectiveType != Upstream.TypeService)
        {
            return upstream;
        }

        // Consul's resolvedCfg: later writes win, and the upstream's own Config wins over all of it.
        var central = new JsonObject();
        var protocol =
            (entries.Get(ConfigEntryKinds.ServiceDefaults,
            upstream.DestinationName) as ServiceDefaultsConfigEntry)?.Protocol is { Length: > 0 } p
            ? p
            : globalProtocol;
        SetIf(central, "protocol", protocol);
        var mode = "";
        if (caller?.UpstreamConfig?.Defaults is { } upstreamDefaults)
        {
            MergeInto(upstreamDefaults, central);
            mode = upstreamDefaults.MeshGateway.Mode;
        }

        if (registered.MeshGateway.Mode.Length > 0)
        {
            mode = registered.MeshGateway.Mode;
        }

        var over = caller?.UpstreamConfig?.Overrides.FirstOrDefault(o =>
            o.Name == upstream.DestinationName && o.Peer == upstream.DestinationPeer);
        if (over is not null)
        {
            MergeInto(over, central);
            if (over.MeshGateway.Mode.Length > 0)
            {
                mode = over.MeshGateway.Mode;
            }
        }

        return upstream with
        {
            Config = FillMissing(upstream.Config, central.Count > 0 ? central : null),
            MeshGateway = upstream.MeshGateway.Mode.Length > 0 || mode.Length == 0
                ? upstream.MeshGateway
                : new MeshGatewayConfig { Mode = mode },
        };
    }

    /// <summary>Consul's <c>UpstreamConfig.MergeInto</c> (without <c>mesh_gateway</c>, which becomes the upstream's field).</summary>
    private static void MergeInto(UpstreamConfig u, JsonObject target)
    {
        SetIf(target, "envoy_listener_json", u.EnvoyListenerJson);
        SetIf(target, "envoy_cluster_json", u.EnvoyClusterJson);
        SetIf(target, "protocol", u.Protocol);
        SetIf(target, "connect_timeout_ms", u.ConnectTimeoutMs);
        if (u.Limits is { } limits)
        {
            target["limits"] = new JsonObject()
                .OptNullableInt("MaxConnections", limits.MaxConnections)
                .OptNullableInt("MaxPendingRequests", limits.MaxPendingRequests)
                .OptNullableInt("MaxConcurrentRequests", limits.MaxConcurrentRequests);
        }

        if (u.PassiveHealthCheck is { } check)
        {
            target["passive_health_check"] = new JsonObject()
                .OptNanos("Interval", check.Interval)
                .OptInt("MaxFailures", check.MaxFailures)
                .OptNullableInt("EnforcingConsecutive5xx", check.EnforcingConsecutive5xx);
        }

        SetIf(target, "balance_outbound_connections", u.BalanceOutboundConnections);
    }

    /// <summary><paramref name="own"/> with the keys of <paramref name="defaults"/> it lacks (Consul's <c>mergo.Merge</c>).</summary>
    private static JsonObject? FillMissing(JsonObject? own, JsonObject? defaults)
    {
        if (defaults is null || defaults.Count == 0)
        {
            return own;
        }

        var merged = own?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in defaults)
        {
            if (!merged.ContainsKey(key))
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    private static void SetIf(JsonObject target, string key, string value)
    {
        if (value.Length > 0)
        {
            target[key] = value;
        }
    }

    private static void SetIf(JsonObject target, string key, int value)
    {
        if (value != 0)
        {
            target[key] = value;
        }
    }
}
