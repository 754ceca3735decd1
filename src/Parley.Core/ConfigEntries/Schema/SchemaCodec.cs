using System.Text.Json.Nodes;
using Parley.Core.Go;

namespace Parley.Core.ConfigEntries.Schema;

/// <summary>
/// Decodes and encodes the body of a schema-described entry with the same <see cref="JsonFieldReader"/> rules as every
/// other kind (case-insensitive keys, snake_case aliases, weak scalars, HCL one-element lists, unused-key errors), so the
/// described kinds behave exactly like the hand-written ones.
/// </summary>
internal static class SchemaCodec
{
    /// <summary>Reads the described fields; the result holds only fields that were set, in canonical form.</summary>
    public static JsonObject Read(JsonFieldReader r, IReadOnlyList<SchemaField> fields)
    {
        var body = new JsonObject();
        foreach (var f in fields)
        {
            if (ReadValue(r, f) is { } value)
            {
                body[f.Name] = value;
            }
        }

        return body;
    }

    /// <summary>Writes <paramref name="body"/> in schema order with Consul's omitempty rules.</summary>
    public static void Write(JsonObject target, JsonObject body, IReadOnlyList<SchemaField> fields)
    {
        foreach (var f in fields)
        {
            if (body[f.Name] is { } value)
            {
                target[f.Name] = f.Type switch
                {
                    SchemaFieldType.Object => WriteObject(value.AsObject(), f.Fields),
                    SchemaFieldType.List => new JsonArray(
                        [.. value.AsArray().Select(item => (JsonNode?)WriteObject(item!.AsObject(), f.Fields))]),
                    _ => value.DeepClone(),
                };
            }
            else if (f.Always)
            {
                target[f.Name] = f.Type switch
                {
                    SchemaFieldType.String => "",
                    SchemaFieldType.Bool => false,
                    SchemaFieldType.Int or SchemaFieldType.Float => 0,
                    SchemaFieldType.Object => WriteObject([], f.Fields),
                    _ => null,
                };
            }
        }
    }

    private static JsonObject WriteObject(JsonObject body, IReadOnlyList<SchemaField> fields)
    {
        var obj = new JsonObject();
        Write(obj, body, fields);
        return obj;
    }

    private static JsonNode? ReadValue(JsonFieldReader r, SchemaField f)
    {
        switch (f.Type)
        {
            case SchemaFieldType.String:
                return r.String(f.Name, f.Aliases) is { Length: > 0 } s ? s : null;
            case SchemaFieldType.Bool:
                return r.Bool(f.Name, f.Aliases) ? true : null;
            case SchemaFieldType.Int:
                return r.Long(f.Name, f.Aliases) is var l and not 0 ? l : null;
            case SchemaFieldType.Float:
                return r.Double(f.Name, f.Aliases) is var d and not 0 ? d : null;
            case SchemaFieldType.Duration:
                return r.Duration(f.Name, f.Aliases) is var t && t != TimeSpan.Zero ? GoDuration.Format(t) : null;
            case SchemaFieldType.StringList:
                var strings = r.StringList(f.Name, f.Aliases);
                return strings.Count == 0 ? null : new JsonArray([.. strings.Select(v => (JsonNode?)JsonValue.Create(v))]);
            case SchemaFieldType.IntList:
                var ints = r.IntList(f.Name, f.Aliases);
                return ints.Count == 0 ? null : new JsonArray([.. ints.Select(v => (JsonNode?)JsonValue.Create(v))]);
            case SchemaFieldType.StringMap:
                var map = r.StringMap(f.Name, f.Aliases);
                if (map.Count == 0)
                {
                    return null;
                }

                var obj = new JsonObject();
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    obj[key] = map[key];
                }

                return obj;
            case SchemaFieldType.Object:
                // Present but empty still counts (a Go pointer that was set), so the object is kept.
                return r.Object(f.Name, sub => Read(sub, f.Fields), f.Aliases);
            case SchemaFieldType.List:
                var list = r.List(f.Name, sub => Read(sub, f.Fields), f.Aliases);
                return list.Count == 0 ? null : new JsonArray([.. list.Select(v => (JsonNode?)v)]);
            case SchemaFieldType.Raw:
                return r.RawObject(f.Name, f.Aliases);
            default:
                throw new ArgumentOutOfRangeException(nameof(f), f.Type, "unknown schema field type");
        }
    }
}
