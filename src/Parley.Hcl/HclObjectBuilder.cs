using System.Text.Json.Nodes;

namespace Parley.Hcl;

/// <summary>
/// Collects the items of one object body and applies the merge rules when a key repeats:
/// objects (blocks or <c>key = { }</c>) accumulate into an array, labelled blocks merge by label,
/// and anything else repeated is a "duplicate attribute" error.
/// </summary>
internal sealed class HclObjectBuilder(HclLexer lexer, HclParseOptions options)
{
    private readonly OrderedDictionary<string, HclEntry> _entries = new(StringComparer.Ordinal);

    public void AddValue(HclToken key, JsonNode? value)
    {
        if (_entries.TryGetValue(key.Text, out var existing))
        {
            throw Duplicate(key, existing);
        }

        _entries.Add(key.Text, HclEntry.ForValue(key.Position, value));
    }

    public void AddObject(HclToken key, JsonObject body, bool fromBlock)
    {
        if (!_entries.TryGetValue(key.Text, out var existing))
        {
            _entries.Add(key.Text, HclEntry.ForObject(key.Position, body, fromBlock));
            return;
        }

        switch (existing.Kind)
        {
            case HclEntryKind.Objects:
                existing.Objects.Add(body);
                existing.FromBlock |= fromBlock;
                return;
            case HclEntryKind.Labels:
                throw lexer.Error(
                    key.Position,
                    $"block {HclText.Quote(key.Text)} is written both with and without labels (labelled one at {existing.Position})");
            default:
                throw Duplicate(key, existing);
        }
    }

    public void AddLabelledBlock(HclToken key, List<HclToken> labels, JsonObject body)
    {
        if (!_entries.TryGetValue(key.Text, out var entry))
        {
            entry = HclEntry.ForLabels(key.Position);
            _entries.Add(key.Text, entry);
        }
        else if (entry.Kind == HclEntryKind.Objects)
        {
            throw lexer.Error(
                key.Position,
                $"block {HclText.Quote(key.Text)} is written both with and without labels (unlabelled one at {entry.Position})");
        }
        else if (entry.Kind == HclEntryKind.Value)
        {
            throw Duplicate(key, entry);
        }

        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            var last = i == labels.Count - 1;
            if (!entry.Labels.TryGetValue(label.Text, out var child))
            {
                child = last ? HclEntry.ForObject(label.Position, body, fromBlock: true) : HclEntry.ForLabels(label.Position);
                entry.Labels.Add(label.Text, child);
                entry = child;
                continue;
            }

            if (last != (child.Kind == HclEntryKind.Objects))
            {
                throw lexer.Error(
                    label.Position,
                    $"block {BlockTitle(key, labels)} has a different number of labels than the block declared at {child.Position}");
            }

            if (last)
            {
                child.Objects.Add(body);
            }

            entry = child;
        }
    }

    public JsonObject Build()
    {
        var result = new JsonObject();
        foreach (var (key, entry) in _entries)
        {
            result.Add(key, ToNode(key, entry));
        }

        return result;
    }

    public static string BlockTitle(HclToken key, List<HclToken> labels) =>
        string.Join(' ', labels.Select(l => HclText.Quote(l.Text)).Prepend(HclText.Quote(key.Text)));

    private JsonNode? ToNode(string key, HclEntry entry)
    {
        switch (entry.Kind)
        {
            case HclEntryKind.Value:
                return entry.Value;
            case HclEntryKind.Objects:
                var objects = entry.Objects;
                if (objects.Count == 1 && !(entry.FromBlock && options.BlocksAsArrays) && !options.IsAlwaysArrayKey(key))
                {
                    return objects[0];
                }

                var array = new JsonArray();
                foreach (var body in objects)
                {
                    array.Add(body);
                }

                return array;
            default:
                // Depth is bounded: every label counted towards MaxDepth while parsing.
                var labelled = new JsonObject();
                foreach (var (label, child) in entry.Labels)
                {
                    labelled.Add(label, ToNode(key, child));
                }

                return labelled;
        }
    }

    private HclException Duplicate(HclToken key, HclEntry existing) =>
        lexer.Error(key.Position, $"duplicate attribute {HclText.Quote(key.Text)} (first defined at {existing.Position})");
}
