using static Parley.Core.ConfigEntries.Schema.Fields;

namespace Parley.Core.ConfigEntries.Schema;

/// <summary>The descriptors of every schema-described kind, by Consul's kind name.</summary>
public static partial class ConfigEntrySchemas
{
    /// <summary>Every described kind, in Consul's order.</summary>
    public static IReadOnlyList<ConfigEntrySchema> All => Registry.All;

    /// <summary>The descriptor of <paramref name="kind"/> (exact spelling), if it is a described kind.</summary>
    public static bool TryGet(string kind, out ConfigEntrySchema schema) => Registry.ByKind.TryGetValue(kind, out schema!);

    // Shapes several kinds share.
    private static SchemaField[] HeaderModifierFields => [StringMap("Add"), StringMap("Set"), Strings("Remove")];

    private static SchemaField[] PassiveHealthCheckFields =>
    [
        Duration("Interval"), Int("MaxFailures"), Int("EnforcingConsecutive5xx"), Int("MaxEjectionPercent"), Duration("BaseEjectionTime"),
    ];

    private static SchemaField[] ResourceReferenceFields =>
    [
        Str("Kind").Required(), Str("Name").Required(), Str("SectionName").Required(), Str("Partition"), Str("Namespace"),
    ];

    private static SchemaField Status => Raw("Status");

    // A nested holder: its initializer runs after every kind property of the partial class is set, whatever order
    // the compiler gives the partial files' initializers.
    private static class Registry
    {
        public static readonly IReadOnlyList<ConfigEntrySchema> All =
        [
            IngressGateway, TerminatingGateway, ApiGateway, HttpRoute, TcpRoute, InlineCertificate, FileSystemCertificate,
            JwtProvider, SamenessGroup, ControlPlaneRequestLimit,
        ];

        public static readonly Dictionary<string, ConfigEntrySchema> ByKind = All.ToDictionary(s => s.Kind, StringComparer.Ordinal);
    }
}
