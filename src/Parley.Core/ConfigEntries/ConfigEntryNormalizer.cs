namespace Parley.Core.ConfigEntries;

/// <summary>
/// Consul's <c>Normalize()</c> step, run on every write before validation: fills defaults and canonical
/// spellings so equal meanings store as equal entries.
/// </summary>
/// <remarks>
/// Besides Consul's own rules (kind-specific: lower-case protocols, upper-case HTTP methods, splitter weights
/// rounded to 0.01, intention type <c>consul</c>, precedence and sort order, proxy-defaults named <c>global</c>),
/// Parley, having only the default namespace and partition as Consul CE does, stores <c>default</c> namespace and
/// partition values as empty, and drops a resolver failover target's <c>Service</c> when it names the resolver's
/// own service (both mean the same). That makes the HCL, JSON and Kubernetes forms of one entry store identically.
/// </remarks>
public static class ConfigEntryNormalizer
{
    private const string DefaultName = "default";

    /// <summary>Returns the normalized entry; the input is not changed.</summary>
    public static ConfigEntry Normalize(ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry switch
        {
            ServiceResolverConfigEntry e => NormalizeResolver(e),
            ServiceSplitterConfigEntry e => e with
            {
                Splits = e.Splits.Select(s => s with
                {
                    Weight = NormalizeSplitWeight(s.Weight),
                    Namespace = Ns(s.Namespace),
                    Partition = Ns(s.Partition),
                }).ToList(),
            },
            ServiceRouterConfigEntry e => e with { Routes = e.Routes.Select(NormalizeRoute).ToList() },
            ServiceDefaultsConfigEntry e => NormalizeServiceDefaults(e),
            ProxyDefaultsConfigEntry e => e with { Name = e.Name.Length == 0 ? ConfigEntryKinds.ProxyDefaultsGlobalName : e.Name },
            MeshConfigEntry e => e with { Name = e.Name.Length == 0 ? ConfigEntryKinds.MeshName : e.Name },
            ServiceIntentionsConfigEntry e => NormalizeIntentions(e),
            ExportedServicesConfigEntry e => e with
            {
                Services = e.Services.Select(s => s with
                {
                    Namespace = Ns(s.Namespace),
                    Consumers = s.Consumers.Select(c => c with { Partition = Ns(c.Partition) }).ToList(),
                }).ToList(),
            },
            SchemaConfigEntry e when e.Schema.Normalize is { } normalize => e with { Body = NormalizeBody(e.Body, normalize) },
            _ => entry,
        };
    }

    private static System.Text.Json.Nodes.JsonObject NormalizeBody(
        System.Text.Json.Nodes.JsonObject body,
        Action<System.Text.Json.Nodes.JsonObject> normalize)
    {
        // Bodies are shared read-only values: normalize a copy.
        var copy = body.DeepClone().AsObject();
        normalize(copy);
        return copy;
    }

    /// <summary>Consul's <c>NormalizeServiceSplitWeight</c>: rounds to the nearest 0.01.</summary>
    public static float NormalizeSplitWeight(float weight) => ScaleWeight(weight) / 100f;

    /// <summary>A weight in units of 0.01 (Consul's <c>scaleWeight</c>).</summary>
    internal static int ScaleWeight(float weight) => (int)Math.Round((double)(weight * 100f), MidpointRounding.AwayFromZero);

    /// <summary>Consul's intention precedence: 9 for exact→exact down to 1 for */* → */*; the peer does not count.</summary>
    public static int ComputePrecedence(string destinationName, string destinationNamespace, string sourceName, string sourceNamespace)
    {
        var max = CountExact(destinationName, destinationNamespace) switch
        {
            2 => 9,
            1 => 6,
            _ => 3,
        };
        return max - (2 - CountExact(sourceName, sourceNamespace));
    }

    private static int CountExact(string name, string ns)
    {
        if ((ns.Length == 0 ? DefaultName : ns) == "*")
        {
            return 0;
        }

        return name == "*" ? 1 : 2;
    }

    private static string Ns(string value) => value == DefaultName ? "" : value;

    private static ServiceResolverConfigEntry NormalizeResolver(ServiceResolverConfigEntry e) => e with
    {
        Redirect = e.Redirect is null ? null : e.Redirect with
        {
            Namespace = Ns(e.Redirect.Namespace),
            Partition = Ns(e.Redirect.Partition),
        },
        Failover = e.Failover.ToDictionary(
            kv => kv.Key,
            kv => kv.Value with
            {
                Namespace = Ns(kv.Value.Namespace),
                Targets = kv.Value.Targets.Select(t => t with
                {
                    Service = t.Service == e.Name ? "" : t.Service,
                    Namespace = Ns(t.Namespace),
                    Partition = Ns(t.Partition),
                }).ToList(),
            },
            StringComparer.Ordinal),
    };

    private static ServiceRoute NormalizeRoute(ServiceRoute route) => route with
    {
        Match = route.Match?.Http is null
            ? route.Match
            : route.Match with
            {
                Http = route.Match.Http with { Methods = route.Match.Http.Methods.Select(m => m.ToUpperInvariant()).ToList() }
            },
        Destination = route.Destination is null
            ? null
            : route.Destination with { Namespace = Ns(route.Destination.Namespace), Partition = Ns(route.Destination.Partition) },
    };

    private static ServiceDefaultsConfigEntry NormalizeServiceDefaults(ServiceDefaultsConfigEntry e) => e with
    {
        Protocol = e.Protocol.ToLowerInvariant(),
        UpstreamConfig = e.UpstreamConfig is null
            ? null
            : e.UpstreamConfig with
            {
                Overrides = e.UpstreamConfig.Overrides.Select(NormalizeUpstream).ToList(),
                Defaults = e.UpstreamConfig.Defaults is null ? null : NormalizeUpstream(e.UpstreamConfig.Defaults),
            },
    };

    private static UpstreamConfig NormalizeUpstream(UpstreamConfig u) => u with
    {
        Namespace = Ns(u.Namespace),
        Partition = Ns(u.Partition),
        Protocol = u.Protocol.ToLowerInvariant(),
        ConnectTimeoutMs = Math.Max(0, u.ConnectTimeoutMs),
    };

    /// <summary>
    /// Consul's <c>LegacyNormalize</c>, for writes through the ID-based intention API: as <see cref="Normalize"/>, but
    /// the sources keep their <c>LegacyID</c> and legacy timestamps (a config-entry write clears them).
    /// </summary>
    public static ServiceIntentionsConfigEntry NormalizeLegacyIntentions(ServiceIntentionsConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return NormalizeIntentions(entry, legacyWrite: true);
    }

    private static ServiceIntentionsConfigEntry NormalizeIntentions(ServiceIntentionsConfigEntry e, bool legacyWrite = false)
    {
        var sources = e.Sources.Select(src =>
        {
            var normalized = src with
            {
                Type = src.Type.Length == 0 ? "consul" : src.Type,
                Namespace = Ns(src.Namespace),
                Partition = Ns(src.Partition),
                LegacyId = legacyWrite ? src.LegacyId : "",
                LegacyCreateTime = legacyWrite ? src.LegacyCreateTime : null,
                LegacyUpdateTime = legacyWrite ? src.LegacyUpdateTime : null,
                Permissions = src.Permissions.Select(p => p.Http is null
                    ? p
                    : p with { Http = p.Http with { Methods = p.Http.Methods.Select(m => m.ToUpperInvariant()).ToList() } }).ToList(),
            };
            return normalized with { Precedence = ComputePrecedence(e.Name, "", normalized.Name, normalized.Namespace) };
        });

        // OrderByDescending is stable, as Consul's sort.SliceStable is.
        return e with { Sources = sources.OrderByDescending(s => s.Precedence).ToList() };
    }
}
