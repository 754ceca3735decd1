using System.Text.Json.Nodes;

namespace Parley.Hcl;

/// <summary>The parse-time state of one key in an object body, before it becomes a <see cref="JsonNode"/>.</summary>
internal sealed class HclEntry
{
    private List<JsonObject>? _objects;
    private OrderedDictionary<string, HclEntry>? _labels;

    private HclEntry(HclEntryKind kind, SourcePosition position)
    {
        Kind = kind;
        Position = position;
    }

    public HclEntryKind Kind { get; }

    /// <summary>Where the key first appeared, for "first defined at" in messages.</summary>
    public SourcePosition Position { get; }

    /// <summary>The value of a <see cref="HclEntryKind.Value"/> entry.</summary>
    public JsonNode? Value { get; private init; }

    /// <summary>The bodies of an <see cref="HclEntryKind.Objects"/> entry, in source order.</summary>
    public List<JsonObject> Objects => _objects ??= [];

    /// <summary>True when at least one of <see cref="Objects"/> was written as a block rather than <c>key = { }</c>.</summary>
    public bool FromBlock { get; set; }

    /// <summary>The children of a <see cref="HclEntryKind.Labels"/> entry, by label, in source order.</summary>
    public OrderedDictionary<string, HclEntry> Labels => _labels ??= new(StringComparer.Ordinal);

    public static HclEntry ForValue(SourcePosition position, JsonNode? value) =>
        new(HclEntryKind.Value, position) { Value = value };

    public static HclEntry ForObject(SourcePosition position, JsonObject body, bool fromBlock)
    {
        var entry = new HclEntry(HclEntryKind.Objects, position) { FromBlock = fromBlock };
        entry.Objects.Add(body);
        return entry;
    }

    public static HclEntry ForLabels(SourcePosition position) => new(HclEntryKind.Labels, position);
}
