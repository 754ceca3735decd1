using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries.Schema;

namespace Parley.Core.ConfigEntries;

/// <content>Canonical encoding: Consul's field names and order, Kind and Name first.</content>
public static partial class ConfigEntryCodec
{
    /// <summary>Encodes an entry in Consul's JSON shape, as <c>GET /v1/config/:kind/:name</c> returns it.</summary>
    public static JsonObject Encode(ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var obj = new JsonObject { ["Kind"] = entry.Kind, ["Name"] = entry.Name };
        switch (entry)
        {
            case ServiceResolverConfigEntry resolver:
                EncodeResolver(obj, resolver);
                break;
            case ServiceSplitterConfigEntry splitter:
                obj.List("Splits", splitter.Splits, EncodeSplit);
                break;
            case ServiceRouterConfigEntry router:
                obj.List("Routes", router.Routes, EncodeRoute);
                break;
            case ServiceDefaultsConfigEntry defaults:
                EncodeServiceDefaults(obj, defaults);
                break;
            case ProxyDefaultsConfigEntry proxy:
                obj["Config"] = proxy.Config?.DeepClone();
                obj.OptString("Mode", proxy.Mode);
                obj["TransparentProxy"] = EncodeTransparentProxy(proxy.TransparentProxy);
                obj["MeshGateway"] = EncodeMeshGateway(proxy.MeshGateway);
                obj["Expose"] = EncodeExpose(proxy.Expose);
                break;
            case MeshConfigEntry mesh:
                EncodeMesh(obj, mesh);
                break;
            case ServiceIntentionsConfigEntry intentions:
                obj.List("Sources", intentions.Sources, EncodeSourceIntention);
                break;
            case ExportedServicesConfigEntry exports:
                obj.List("Services", exports.Services, s => new JsonObject()
                    .String("Name", s.Name)
                    .OptString("Namespace", s.Namespace)
                    .List("Consumers", s.Consumers, c => new JsonObject()
                        .OptString("Partition", c.Partition)
                        .OptString("Peer", c.Peer)
                        .OptString("SamenessGroup", c.SamenessGroup)));
                break;
            case SchemaConfigEntry described:
                SchemaCodec.Write(obj, described.Body, described.Schema.Fields);
                break;
            default:
                throw new ArgumentException($"unsupported config entry type {entry.GetType().Name}", nameof(entry));
        }

        obj.OptStringMap("Meta", entry.Meta);
        obj["CreateIndex"] = entry.CreateIndex;
        obj["ModifyIndex"] = entry.ModifyIndex;
        return obj;
    }

    private static void EncodeResolver(JsonObject obj, ServiceResolverConfigEntry e)
    {
        obj.OptString("DefaultSubset", e.DefaultSubset)
            .OptMap("Subsets", e.Subsets, EncodeSubset)
            .OptObject("Redirect", e.Redirect is null ? null : new JsonObject()
                .OptString("Service", e.Redirect.Service)
                .OptString("ServiceSubset", e.Redirect.ServiceSubset)
                .OptString("Namespace", e.Redirect.Namespace)
                .OptString("Partition", e.Redirect.Partition)
                .OptString("Datacenter", e.Redirect.Datacenter)
                .OptString("Peer", e.Redirect.Peer)
                .OptString("SamenessGroup", e.Redirect.SamenessGroup))
            .OptMap("Failover", e.Failover, f => new JsonObject()
                .OptString("Service", f.Service)
                .OptString("ServiceSubset", f.ServiceSubset)
                .OptString("Namespace", f.Namespace)
                .OptStrings("Datacenters", f.Datacenters)
                .OptList("Targets", f.Targets, t => new JsonObject()
                    .OptString("Service", t.Service)
                    .OptString("ServiceSubset", t.ServiceSubset)
                    .OptString("Partition", t.Partition)
                    .OptString("Namespace", t.Namespace)
                    .OptString("Datacenter", t.Datacenter)
                    .OptString("Peer", t.Peer))
                .OptObject("Policy", EncodeFailoverPolicy(f.Policy))
                .OptString("SamenessGroup", f.SamenessGroup))
            .OptDuration("ConnectTimeout", e.ConnectTimeout)
            .OptDuration("RequestTimeout", e.RequestTimeout)
            .OptObject("PrioritizeByLocality", e.PrioritizeByLocality is null
                ? null
                : new JsonObject().OptString("Mode", e.PrioritizeByLocality.Mode))
            .OptObject("LoadBalancer", EncodeLoadBalancer(e.LoadBalancer));
    }

    internal static JsonObject EncodeSubset(ServiceResolverSubset s) =>
        new JsonObject().OptString("Filter", s.Filter).OptBool("OnlyPassing", s.OnlyPassing);

    internal static JsonObject? EncodeFailoverPolicy(ServiceResolverFailoverPolicy? p) =>
        p is null ? null : new JsonObject().OptString("Mode", p.Mode).OptStrings("Regions", p.Regions);

    internal static JsonObject? EncodeLoadBalancer(LoadBalancer? lb) => lb is null
        ? null
        : new JsonObject()
            .OptString("Policy", lb.Policy)
            .OptObject("RingHashConfig", lb.RingHashConfig is null ? null : new JsonObject()
                .OptLong("MinimumRingSize", lb.RingHashConfig.MinimumRingSize)
                .OptLong("MaximumRingSize", lb.RingHashConfig.MaximumRingSize))
            .OptObject("LeastRequestConfig", lb.LeastRequestConfig is null ? null : new JsonObject()
                .OptLong("ChoiceCount", lb.LeastRequestConfig.ChoiceCount))
            .OptList("HashPolicies", lb.HashPolicies, h => new JsonObject()
                .OptString("Field", h.Field)
                .OptString("FieldValue", h.FieldValue)
                .OptObject("CookieConfig", h.CookieConfig is null ? null : new JsonObject()
                    .OptBool("Session", h.CookieConfig.Session)
                    .OptNanos("TTL", h.CookieConfig.Ttl)
                    .OptString("Path", h.CookieConfig.Path))
                .OptBool("SourceIP", h.SourceIP)
                .OptBool("Terminal", h.Terminal));

    internal static JsonObject EncodeSplit(ServiceSplit s)
    {
        var obj = new JsonObject { ["Weight"] = s.Weight };
        return obj.OptString("Service", s.Service)
            .OptString("ServiceSubset", s.ServiceSubset)
            .OptString("Namespace", s.Namespace)
            .OptString("Partition", s.Partition)
            .OptObject("RequestHeaders", EncodeHeaderModifiers(s.RequestHeaders))
            .OptObject("ResponseHeaders", EncodeHeaderModifiers(s.ResponseHeaders));
    }

    private static JsonObject? EncodeHeaderModifiers(HttpHeaderModifiers? m) => m is null
        ? null
        : new JsonObject().OptStringMap("Add", m.Add).OptStringMap("Set", m.Set).OptStrings("Remove", m.Remove);

    internal static JsonObject EncodeRoute(ServiceRoute route) => new JsonObject()
        .OptObject("Match", route.Match is null ? null : new JsonObject()
            .OptObject("HTTP", route.Match.Http is null ? null : EncodeRouteHttpMatch(route.Match.Http)))
        .OptObject("Destination", route.Destination is null ? null : EncodeRouteDestination(route.Destination));

    private static JsonObject EncodeRouteHttpMatch(ServiceRouteHttpMatch m) => new JsonObject()
        .OptString("PathExact", m.PathExact)
        .OptString("PathPrefix", m.PathPrefix)
        .OptString("PathRegex", m.PathRegex)
        .OptList("Header", m.Header, h => new JsonObject()
            .String("Name", h.Name)
            .OptBool("Present", h.Present)
            .OptString("Exact", h.Exact)
            .OptString("Prefix", h.Prefix)
            .OptString("Suffix", h.Suffix)
            .OptString("Regex", h.Regex)
            .OptBool("Invert", h.Invert))
        .OptList("QueryParam", m.QueryParam, q => new JsonObject()
            .String("Name", q.Name)
            .OptBool("Present", q.Present)
            .OptString("Exact", q.Exact)
            .OptString("Regex", q.Regex))
        .OptStrings("Methods", m.Methods);

    private static JsonObject EncodeRouteDestination(ServiceRouteDestination d) => new JsonObject()
        .OptString("Service", d.Service)
        .OptString("ServiceSubset", d.ServiceSubset)
        .OptString("Namespace", d.Namespace)
        .OptString("Partition", d.Partition)
        .OptString("PrefixRewrite", d.PrefixRewrite)
        .OptDuration("RequestTimeout", d.RequestTimeout)
        .OptDuration("IdleTimeout", d.IdleTimeout)
        .OptInt("NumRetries", d.NumRetries)
        .OptBool("RetryOnConnectFailure", d.RetryOnConnectFailure)
        .OptStrings("RetryOn", d.RetryOn)
        .OptInts("RetryOnStatusCodes", d.RetryOnStatusCodes)
        .OptObject("RequestHeaders", EncodeHeaderModifiers(d.RequestHeaders))
        .OptObject("ResponseHeaders", EncodeHeaderModifiers(d.ResponseHeaders));

    private static void EncodeServiceDefaults(JsonObject obj, ServiceDefaultsConfigEntry e)
    {
        obj.String("Protocol", e.Protocol)
            .OptString("Mode", e.Mode);
        obj["TransparentProxy"] = EncodeTransparentProxy(e.TransparentProxy);
        obj["MeshGateway"] = EncodeMeshGateway(e.MeshGateway);
        obj["Expose"] = EncodeExpose(e.Expose);
        obj.OptString("ExternalSNI", e.ExternalSni)
            .OptObject("UpstreamConfig", e.UpstreamConfig is null ? null : new JsonObject()
                .OptList("Overrides", e.UpstreamConfig.Overrides, EncodeUpstreamConfig)
                .OptObject("Defaults", e.UpstreamConfig.Defaults is null ? null : EncodeUpstreamConfig(e.UpstreamConfig.Defaults)))
            .OptObject("Destination", e.Destination is null ? null : new JsonObject()
                .OptStrings("Addresses", e.Destination.Addresses)
                .OptInt("Port", e.Destination.Port))
            .OptInt("MaxInboundConnections", e.MaxInboundConnections)
            .OptInt("LocalConnectTimeoutMs", e.LocalConnectTimeoutMs)
            .OptInt("LocalRequestTimeoutMs", e.LocalRequestTimeoutMs)
            .OptString("BalanceInboundConnections", e.BalanceInboundConnections);
    }

    private static JsonObject EncodeUpstreamConfig(UpstreamConfig u)
    {
        var obj = new JsonObject()
            .OptString("Name", u.Name)
            .OptString("Namespace", u.Namespace)
            .OptString("Partition", u.Partition)
            .OptString("Peer", u.Peer)
            .OptString("EnvoyListenerJSON", u.EnvoyListenerJson)
            .OptString("EnvoyClusterJSON", u.EnvoyClusterJson)
            .OptString("Protocol", u.Protocol)
            .OptInt("ConnectTimeoutMs", u.ConnectTimeoutMs)
            .OptObject("Limits", u.Limits is null ? null : new JsonObject()
                .OptNullableInt("MaxConnections", u.Limits.MaxConnections)
                .OptNullableInt("MaxPendingRequests", u.Limits.MaxPendingRequests)
                .OptNullableInt("MaxConcurrentRequests", u.Limits.MaxConcurrentRequests))
            .OptObject("PassiveHealthCheck", u.PassiveHealthCheck is null ? null : new JsonObject()
                .OptNanos("Interval", u.PassiveHealthCheck.Interval)
                .OptInt("MaxFailures", u.PassiveHealthCheck.MaxFailures)
                .OptNullableInt("EnforcingConsecutive5xx", u.PassiveHealthCheck.EnforcingConsecutive5xx));
        obj["MeshGateway"] = EncodeMeshGateway(u.MeshGateway);
        return obj.OptString("BalanceOutboundConnections", u.BalanceOutboundConnections);
    }

    internal static JsonObject EncodeTransparentProxy(TransparentProxyConfig t) =>
        new JsonObject().OptInt("OutboundListenerPort", t.OutboundListenerPort).OptBool("DialedDirectly", t.DialedDirectly);

    internal static JsonObject EncodeMeshGateway(MeshGatewayConfig m) => new JsonObject().OptString("Mode", m.Mode);

    internal static JsonObject EncodeExpose(ExposeConfig e) => new JsonObject()
        .OptBool("Checks", e.Checks)
        .OptList("Paths", e.Paths, p => new JsonObject()
            .OptInt("ListenerPort", p.ListenerPort)
            .OptString("Path", p.Path)
            .OptInt("LocalPathPort", p.LocalPathPort)
            .OptString("Protocol", p.Protocol)
            .OptBool("ParsedFromCheck", p.ParsedFromCheck));

    private static void EncodeMesh(JsonObject obj, MeshConfigEntry e)
    {
        obj["TransparentProxy"] = new JsonObject { ["MeshDestinationsOnly"] = e.TransparentProxy.MeshDestinationsOnly };
        obj.OptBool("AllowEnablingPermissiveMutualTLS", e.AllowEnablingPermissiveMutualTls)
            .OptObject("TLS", e.Tls is null ? null : new JsonObject()
                .OptObject("Incoming", EncodeDirectionalTls(e.Tls.Incoming))
                .OptObject("Outgoing", EncodeDirectionalTls(e.Tls.Outgoing)))
            .OptObject("HTTP", e.Http is null ? null : new JsonObject
            {
                ["SanitizeXForwardedClientCert"] = e.Http.SanitizeXForwardedClientCert,
            })
            .OptObject("Peering", e.Peering is null ? null : new JsonObject()
                .OptBool("PeerThroughMeshGateways", e.Peering.PeerThroughMeshGateways));
    }

    private static JsonObject? EncodeDirectionalTls(MeshDirectionalTlsConfig? t) => t is null
        ? null
        : new JsonObject()
            .OptString("TLSMinVersion", t.TlsMinVersion)
            .OptString("TLSMaxVersion", t.TlsMaxVersion)
            .OptStrings("CipherSuites", t.CipherSuites);

    private static JsonObject EncodeSourceIntention(SourceIntention s)
    {
        var obj = new JsonObject()
            .String("Name", s.Name)
            .OptString("Action", s.Action)
            .OptList("Permissions", s.Permissions, EncodePermission);
        obj["Precedence"] = s.Precedence;
        obj.OptString("LegacyID", s.LegacyId)
            .String("Type", s.Type)
            .OptString("Description", s.Description)
            .OptStringMap("LegacyMeta", s.LegacyMeta);
        if (s.LegacyCreateTime is { } created)
        {
            obj["LegacyCreateTime"] = created.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (s.LegacyUpdateTime is { } updated)
        {
            obj["LegacyUpdateTime"] = updated.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return obj.OptString("Namespace", s.Namespace)
            .OptString("Partition", s.Partition)
            .OptString("Peer", s.Peer)
            .OptString("SamenessGroup", s.SamenessGroup);
    }

    internal static JsonObject EncodePermission(IntentionPermission p) => new JsonObject()
        .String("Action", p.Action)
        .OptObject("HTTP", p.Http is null ? null : new JsonObject()
            .OptString("PathExact", p.Http.PathExact)
            .OptString("PathPrefix", p.Http.PathPrefix)
            .OptString("PathRegex", p.Http.PathRegex)
            .OptList("Header", p.Http.Header, h => new JsonObject()
                .String("Name", h.Name)
                .OptBool("Present", h.Present)
                .OptString("Exact", h.Exact)
                .OptString("Prefix", h.Prefix)
                .OptString("Suffix", h.Suffix)
                .OptString("Regex", h.Regex)
                .OptBool("Invert", h.Invert))
            .OptStrings("Methods", p.Http.Methods));
}
