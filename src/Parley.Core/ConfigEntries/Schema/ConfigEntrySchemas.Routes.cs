using static Parley.Core.ConfigEntries.Schema.Fields;

namespace Parley.Core.ConfigEntries.Schema;

/// <content>http-route and tcp-route (Consul's <c>config_entry_routes.go</c>).</content>
public static partial class ConfigEntrySchemas
{
    private static SchemaField[] HttpFilterFields =>
    [
        List("Headers", HeaderModifierFields).Required(),
        Object("URLRewrite", Str("Path")),
        Object("RetryFilter", Int("NumRetries"), Strings("RetryOn"), Ints("RetryOnStatusCodes"), Bool("RetryOnConnectFailure")),
        Object("TimeoutFilter", Duration("RequestTimeout"), Duration("IdleTimeout")),
        Raw("JWT"),
    ];

    private static SchemaField[] ResponseFilterFields => [List("Headers", HeaderModifierFields).Required()];

    /// <summary><c>http-route</c>: HTTP routing rules for api-gateway listeners.</summary>
    public static ConfigEntrySchema HttpRoute { get; } = new()
    {
        Kind = ConfigEntryKinds.HttpRoute,
        Fields =
        [
            List("Parents", ResourceReferenceFields).Required(),
            List("Rules",
                Object("Filters", HttpFilterFields).Required(),
                Object("ResponseFilters", ResponseFilterFields).Required(),
                List("Matches",
                    List("Headers", Str("Match").Required(), Str("Name").Required(), Str("Value").Required()).Required(),
                    Str("Method").Required(),
                    Object("Path", Str("Match").Required(), Str("Value").Required()).Required(),
                    List("Query", Str("Match").Required(), Str("Name").Required(), Str("Value").Required()).Required()).Required(),
                List("Services",
                    Str("Name").Required(),
                    Int("Weight").Required(),
                    Object("Filters", HttpFilterFields).Required(),
                    Object("ResponseFilters", ResponseFilterFields).Required(),
                    Str("Namespace"),
                    Str("Partition")).Required()).Required(),
            Strings("Hostnames").Required(),
            Status,
        ],
        Normalize = SchemaNormalizers.HttpRoute,
        Check = ConfigEntryValidator.CheckHttpRoute,
    };

    /// <summary><c>tcp-route</c>: the one TCP service an api-gateway listener forwards to.</summary>
    public static ConfigEntrySchema TcpRoute { get; } = new()
    {
        Kind = ConfigEntryKinds.TcpRoute,
        Fields =
        [
            List("Parents", ResourceReferenceFields).Required(),
            List("Services", Str("Name").Required(), Str("Namespace"), Str("Partition")).Required(),
            Status,
        ],
        Normalize = SchemaNormalizers.TcpRoute,
        Check = ConfigEntryValidator.CheckTcpRoute,
    };
}
