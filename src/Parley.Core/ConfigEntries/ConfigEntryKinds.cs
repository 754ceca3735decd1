namespace Parley.Core.ConfigEntries;

/// <summary>The config entry kinds Parley supports, with Consul's spelling.</summary>
public static class ConfigEntryKinds
{
    public const string ServiceDefaults = "service-defaults";
    public const string ProxyDefaults = "proxy-defaults";
    public const string ServiceRouter = "service-router";
    public const string ServiceSplitter = "service-splitter";
    public const string ServiceResolver = "service-resolver";
    public const string ServiceIntentions = "service-intentions";
    public const string Mesh = "mesh";
    public const string ExportedServices = "exported-services";
    public const string IngressGateway = "ingress-gateway";
    public const string TerminatingGateway = "terminating-gateway";
    public const string ApiGateway = "api-gateway";
    public const string HttpRoute = "http-route";
    public const string TcpRoute = "tcp-route";

    /// <summary>The only name a <c>proxy-defaults</c> entry may have.</summary>
    public const string ProxyDefaultsGlobalName = "global";

    /// <summary>The only name a <c>mesh</c> entry may have.</summary>
    public const string MeshName = "mesh";

    /// <summary>Every supported kind, in Consul's order: the hand-modelled kinds, then the schema-described ones.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ServiceDefaults, ProxyDefaults, ServiceRouter, ServiceSplitter, ServiceResolver, ServiceIntentions, Mesh, ExportedServices,
        .. Schema.ConfigEntrySchemas.All.Select(s => s.Kind),
    ];

    private static readonly Dictionary<string, string> KubernetesKinds = new(
        Schema.ConfigEntrySchemas.All.Where(s => s.KubernetesName is not null).Select(s => KeyValuePair.Create(s.KubernetesName!, s.Kind)),
        StringComparer.Ordinal)
    {
        ["ServiceDefaults"] = ServiceDefaults,
        ["ProxyDefaults"] = ProxyDefaults,
        ["ServiceRouter"] = ServiceRouter,
        ["ServiceSplitter"] = ServiceSplitter,
        ["ServiceResolver"] = ServiceResolver,
        ["ServiceIntentions"] = ServiceIntentions,
        ["Mesh"] = Mesh,
        ["ExportedServices"] = ExportedServices,
    };

    /// <summary>True when <paramref name="kind"/> is exactly one of the supported kind names.</summary>
    /// <remarks>Consul matches kinds exactly (<c>service-resolver</c>, not <c>Service-Resolver</c>), and so does Parley.</remarks>
    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// Maps a kind as a user may write it to Consul's spelling: the exact kind names, and the Kubernetes
    /// custom-resource names (<c>ServiceResolver</c>, <c>ExportedServices</c>, ...). Returns false for anything else.
    /// </summary>
    public static bool TryNormalize(string? kind, out string normalized)
    {
        if (kind is not null && IsKnown(kind))
        {
            normalized = kind;
            return true;
        }

        if (kind is not null && KubernetesKinds.TryGetValue(kind, out var mapped))
        {
            normalized = mapped;
            return true;
        }

        normalized = "";
        return false;
    }

    /// <summary>True for the kinds the discovery chain is compiled from (router, splitter, resolver).</summary>
    public static bool IsDiscoveryChainKind(string kind) =>
        kind is ServiceRouter or ServiceSplitter or ServiceResolver;
}
