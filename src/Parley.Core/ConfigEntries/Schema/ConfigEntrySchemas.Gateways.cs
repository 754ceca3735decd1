using static Parley.Core.ConfigEntries.Schema.Fields;

namespace Parley.Core.ConfigEntries.Schema;

/// <content>ingress-gateway, terminating-gateway and api-gateway (Consul's <c>config_entry_gateways.go</c>).</content>
public static partial class ConfigEntrySchemas
{
    private static SchemaField[] SdsFields => [Str("ClusterName"), Str("CertResource")];

    private static SchemaField[] GatewayTlsFields =>
    [
        Bool("Enabled").Required(), Object("SDS", SdsFields), Str("TLSMinVersion"), Str("TLSMaxVersion"), Strings("CipherSuites"),
    ];

    /// <summary><c>ingress-gateway</c>: listeners exposing mesh services to clients outside the mesh.</summary>
    public static ConfigEntrySchema IngressGateway { get; } = new()
    {
        Kind = ConfigEntryKinds.IngressGateway,
        KubernetesName = "IngressGateway",
        Fields =
        [
            Object("TLS", GatewayTlsFields).Required(),
            List("Listeners",
                Int("Port").Required(),
                Str("Protocol").Required(),
                Object("TLS", GatewayTlsFields),
                List("Services",
                    Str("Name").Required(),
                    Strings("Hosts").Required(),
                    Object("TLS", Object("SDS", SdsFields)),
                    Object("RequestHeaders", HeaderModifierFields),
                    Object("ResponseHeaders", HeaderModifierFields),
                    Int("MaxConnections"),
                    Int("MaxPendingRequests"),
                    Int("MaxConcurrentRequests"),
                    Object("PassiveHealthCheck", PassiveHealthCheckFields),
                    StringMap("Meta"),
                    Str("Namespace"),
                    Str("Partition")).Required()).Required(),
            Object("Defaults",
                Int("MaxConnections").Required(),
                Int("MaxPendingRequests").Required(),
                Int("MaxConcurrentRequests").Required(),
                Object("PassiveHealthCheck", PassiveHealthCheckFields)),
        ],
        Normalize = SchemaNormalizers.IngressGateway,
        Check = ConfigEntryValidator.CheckIngressGateway,
        ReadAccess = ConfigEntryAccess.ServiceName,
    };

    /// <summary><c>terminating-gateway</c>: the services outside the mesh a gateway reaches for mesh clients.</summary>
    public static ConfigEntrySchema TerminatingGateway { get; } = new()
    {
        Kind = ConfigEntryKinds.TerminatingGateway,
        KubernetesName = "TerminatingGateway",
        Fields =
        [
            List("Services", Str("Name"), Str("CAFile"), Str("CertFile"), Str("KeyFile"), Str("SNI"), Str("Namespace"), Str("Partition"))
                .Required(),
        ],
        Check = ConfigEntryValidator.CheckTerminatingGateway,
        ReadAccess = ConfigEntryAccess.ServiceName,
    };

    /// <summary><c>api-gateway</c>: listeners that http-route and tcp-route entries bind to.</summary>
    public static ConfigEntrySchema ApiGateway { get; } = new()
    {
        Kind = ConfigEntryKinds.ApiGateway,
        Fields =
        [
            List("Listeners",
                Str("Name").Required(),
                Str("Hostname").Required(),
                Int("Port").Required(),
                Str("Protocol").Required(),
                Object("TLS",
                    List("Certificates", ResourceReferenceFields).Required(),
                    Str("MaxVersion").Required(),
                    Str("MinVersion").Required(),
                    Strings("CipherSuites").Required()).Required(),
                Object("Override", Raw("JWT")),
                Object("Default", Raw("JWT"))).Required(),
            Status,
        ],
        Normalize = SchemaNormalizers.ApiGateway,
        Check = ConfigEntryValidator.CheckApiGateway,
        ReadAccess = ConfigEntryAccess.ServiceName,
    };
}
