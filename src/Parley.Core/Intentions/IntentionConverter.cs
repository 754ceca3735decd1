using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;

namespace Parley.Core.Intentions;

/// <summary>Turns <c>service-intentions</c> entries into legacy <see cref="Intention"/>s and writes their JSON.</summary>
public static class IntentionConverter
{
    /// <summary>One intention per source of the (normalized) entry, in the entry's order.</summary>
    public static IReadOnlyList<Intention> ToIntentions(ServiceIntentionsConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Sources.Select(src => ToIntention(entry, src)).ToList();
    }

    /// <summary>Consul's <c>ToIntention</c>: one source of an entry as a legacy intention.</summary>
    public static Intention ToIntention(ServiceIntentionsConfigEntry entry, SourceIntention source)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(source);
        return new Intention
        {
            Id = source.LegacyId,
            Description = source.Description,
            SourcePeer = source.Peer,
            SourceNamespace = source.Namespace.Length == 0 ? "default" : source.Namespace,
            SourceName = source.Name,
            DestinationNamespace = "default",
            DestinationName = entry.Name,
            SourcePartition = source.Partition,
            SourceType = source.Type.Length == 0 ? "consul" : source.Type,
            Action = source.Action,
            Permissions = source.Permissions,
            Meta = source.LegacyId.Length > 0 ? source.LegacyMeta : entry.Meta,
            Precedence = ConfigEntryNormalizer.ComputePrecedence(entry.Name, "", source.Name, source.Namespace),
            CreatedAt = source.LegacyCreateTime ?? default,
            UpdatedAt = source.LegacyUpdateTime ?? default,
            CreateIndex = entry.CreateIndex,
            ModifyIndex = entry.ModifyIndex,
        };
    }

    /// <summary>The legacy intention JSON object, in Consul's field order and omitempty rules.</summary>
    public static JsonObject Encode(Intention intention)
    {
        ArgumentNullException.ThrowIfNull(intention);
        var obj = new JsonObject { ["ID"] = intention.Id };
        obj.OptString("Description", intention.Description)
            .OptString("SourcePeer", intention.SourcePeer);
        obj["SourceNS"] = intention.SourceNamespace;
        obj["SourceName"] = intention.SourceName;
        obj["DestinationNS"] = intention.DestinationNamespace;
        obj["DestinationName"] = intention.DestinationName;
        obj.OptString("SourcePartition", intention.SourcePartition)
            .OptString("DestinationPartition", intention.DestinationPartition);
        obj["SourceType"] = intention.SourceType;
        obj.OptString("Action", intention.Action)
            .OptList("Permissions", intention.Permissions, ConfigEntryCodec.EncodePermission);
        var meta = new JsonObject();
        foreach (var key in intention.Meta.Keys.Order(StringComparer.Ordinal))
        {
            meta[key] = intention.Meta[key];
        }

        obj["Meta"] = intention.Meta.Count == 0 ? null : meta;
        obj["Precedence"] = intention.Precedence;
        obj["CreatedAt"] = GoTime(intention.CreatedAt);
        obj["UpdatedAt"] = GoTime(intention.UpdatedAt);
        obj["Hash"] = null;
        obj["CreateIndex"] = intention.CreateIndex;
        obj["ModifyIndex"] = intention.ModifyIndex;
        return obj;
    }

    /// <summary>A JSON array of intentions.</summary>
    public static JsonArray EncodeList(IEnumerable<Intention> intentions)
    {
        ArgumentNullException.ThrowIfNull(intentions);
        return new JsonArray(intentions.Select(i => (JsonNode?)Encode(i)).ToArray());
    }

    // Go's time.Time JSON: RFC 3339 with nanoseconds trimmed; the zero time is 0001-01-01T00:00:00Z.
    private static string GoTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
