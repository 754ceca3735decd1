namespace Parley.Core.ConfigEntries;

/// <content>Decoding of service-intentions and exported-services.</content>
public static partial class ConfigEntryCodec
{
    private static ServiceIntentionsConfigEntry DecodeIntentions(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        Sources = r.List("Sources", s => new SourceIntention
        {
            Name = s.String("Name"),
            Action = s.String("Action"),
            Permissions = s.List("Permissions", DecodePermission),
            Precedence = s.Int("Precedence"),
            LegacyId = s.String("LegacyID", "legacy_id"),
            Type = s.String("Type"),
            Description = s.String("Description"),
            LegacyMeta = s.StringMap("LegacyMeta", "legacy_meta"),
            LegacyCreateTime = s.Time("LegacyCreateTime", "legacy_create_time"),
            LegacyUpdateTime = s.Time("LegacyUpdateTime", "legacy_update_time"),
            Namespace = s.String("Namespace"),
            Partition = s.String("Partition"),
            Peer = s.String("Peer"),
            SamenessGroup = s.String("SamenessGroup", "sameness_group"),
        }),
        Meta = r.StringMap("Meta"),
    };

    /// <summary>One L7 permission, shared by the entry's sources and the legacy intention body.</summary>
    internal static IntentionPermission DecodePermission(JsonFieldReader p) => new()
    {
        Action = p.String("Action"),
        Http = p.Object("HTTP", DecodeHttpPermission),
    };

    private static IntentionHttpPermission DecodeHttpPermission(JsonFieldReader r) => new()
    {
        PathExact = r.String("PathExact", "path_exact"),
        PathPrefix = r.String("PathPrefix", "path_prefix"),
        PathRegex = r.String("PathRegex", "path_regex"),
        Header = r.List("Header", h => new IntentionHttpHeaderPermission
        {
            Name = h.String("Name"),
            Present = h.Bool("Present"),
            Exact = h.String("Exact"),
            Prefix = h.String("Prefix"),
            Suffix = h.String("Suffix"),
            Regex = h.String("Regex"),
            Invert = h.Bool("Invert"),
        }),
        Methods = r.StringList("Methods"),
    };

    private static ExportedServicesConfigEntry DecodeExportedServices(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        Services = r.List("Services", s => new ExportedService
        {
            Name = s.String("Name"),
            Namespace = s.String("Namespace"),
            Consumers = s.List("Consumers", c => new ServiceConsumer
            {
                Peer = c.String("Peer", "peer_name"),
                Partition = c.String("Partition"),
                SamenessGroup = c.String("SamenessGroup", "sameness_group"),
            }),
        }),
        Meta = r.StringMap("Meta"),
    };
}
