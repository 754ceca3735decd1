using static Parley.Core.ConfigEntries.Schema.Fields;

namespace Parley.Core.ConfigEntries.Schema;

/// <content>sameness-group and control-plane-request-limit.</content>
public static partial class ConfigEntrySchemas
{
    private static SchemaField[] RatesFields => [Float("ReadRate").Required(), Float("WriteRate").Required()];

    /// <summary><c>sameness-group</c>: peers (and partitions) that serve the same services; refused as in Consul CE.</summary>
    public static ConfigEntrySchema SamenessGroup { get; } = new()
    {
        Kind = "sameness-group",
        KubernetesName = "SamenessGroup",
        Fields = [Bool("DefaultForFailover"), Bool("IncludeLocal"), List("Members", Str("Partition"), Str("Peer")).Required()],
        Check = ConfigEntryValidator.CheckSamenessGroup,
        ReadAccess = ConfigEntryAccess.Anyone,
    };

    /// <summary><c>control-plane-request-limit</c>: read and write rates per source IP, overall and per endpoint family.</summary>
    public static ConfigEntrySchema ControlPlaneRequestLimit { get; } = new()
    {
        Kind = "control-plane-request-limit",
        KubernetesName = "ControlPlaneRequestLimit",
        Fields =
        [
            Str("Mode").Required(),
            Float("ReadRate").Required(),
            Float("WriteRate").Required(),
            Object("ACL", RatesFields),
            Object("Catalog", RatesFields),
            Object("ConfigEntry", RatesFields),
            Object("ConnectCA", RatesFields),
            Object("Coordinate", RatesFields),
            Object("DiscoveryChain", RatesFields),
            Object("Health", RatesFields),
            Object("Intention", RatesFields),
            Object("KV", RatesFields),
            Object("Tenancy", RatesFields),
            Object("PreparedQuery", RatesFields),
            Object("Session", RatesFields),
            Object("Txn", RatesFields),
        ],
        Check = ConfigEntryValidator.CheckControlPlaneRequestLimit,
        ReadAccess = ConfigEntryAccess.Anyone,
    };
}
