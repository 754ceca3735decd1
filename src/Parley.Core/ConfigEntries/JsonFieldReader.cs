using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Go;

namespace Parley.Core.ConfigEntries;

/// <summary>
/// Reads one JSON object into typed fields the way Consul's mapstructure decode does: keys match field names
/// case-insensitively, snake_case aliases are translated (the canonical key wins when both are present), scalar
/// types convert weakly (<c>"50"</c> is a number, <c>1</c> is <c>true</c>), a one-element list stands for a single
/// object (HCL blocks), and every key nothing asked for is reported as unused with its full path.
/// </summary>
internal sealed class JsonFieldReader
{
    private readonly JsonObject _object;
    private readonly string _path;
    private readonly DecodeContext _context;
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

    public JsonFieldReader(JsonObject obj, string path, DecodeContext context)
    {
        _object = obj;
        _path = path;
        _context = context;
    }

    public DecodeContext Context => _context;

    /// <summary>Marks a key as known without reading it (exact spelling only, as Consul's unused-key filter does).</summary>
    public void Ignore(string exactKey)
    {
        if (_object.ContainsKey(exactKey))
        {
            _consumed.Add(exactKey);
        }
    }

    /// <summary>Reports every key nothing consumed.</summary>
    public void Finish()
    {
        foreach (var (key, _) in _object)
        {
            if (!_consumed.Contains(key))
            {
                _context.UnusedKeys.Add(Join(_path, key));
            }
        }
    }

    public string String(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? ToStringValue(node, path) : "";

    public bool Bool(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) && ToBool(node, path);

    public int Int(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? (int)ToInteger(node, path, "int", int.MinValue, int.MaxValue) : 0;

    public int? NullableInt(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? (int)ToInteger(node, path, "int", int.MinValue, int.MaxValue) : null;

    public long Long(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? ToInteger(node, path, "int64", long.MinValue, long.MaxValue) : 0;

    public float Float(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? (float)ToDouble(node, path) : 0f;

    public double Double(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? ToDouble(node, path) : 0d;

    public TimeSpan Duration(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? ToDuration(node, path) : TimeSpan.Zero;

    public DateTimeOffset? Time(string field, params string[] aliases) =>
        TryTake(field, aliases, out var node, out var path) ? ToTime(node, path) : null;

    public IReadOnlyList<string> StringList(string field, params string[] aliases)
    {
        if (!TryTake(field, aliases, out var node, out var path))
        {
            return [];
        }

        return node is JsonArray array
            ? array.Select((item, i) => ToStringValue(item, $"{path}[{i}]")).ToList()
            : [ToStringValue(node, path)];
    }

    public IReadOnlyList<int> IntList(string field, params string[] aliases)
    {
        if (!TryTake(field, aliases, out var node, out var path))
        {
            return [];
        }

        return node is JsonArray array
            ? array.Select((item, i) => (int)ToInteger(item, $"{path}[{i}]", "uint32", 0, uint.MaxValue)).ToList()
            : [(int)ToInteger(node, path, "uint32", 0, uint.MaxValue)];
    }

    public IReadOnlyDictionary<string, string> StringMap(string field, params string[] aliases)
    {
        if (!TryTake(field, aliases, out var node, out var path))
        {
            return EmptyCollections.StringMap;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var obj in MapSources(node, path))
        {
            foreach (var (key, value) in obj)
            {
                map[key] = value is null ? "" : ToStringValue(value, $"{path}[{key}]");
            }
        }

        return map;
    }

    /// <summary>Reads a nested object with <paramref name="read"/>; null when absent.</summary>
    public T? Object<T>(string field, Func<JsonFieldReader, T> read, params string[] aliases)
        where T : class
    {
        if (!TryTake(field, aliases, out var node, out var path))
        {
            return null;
        }

        var obj = AsSingleObject(node, path);
        return obj is null ? null : ReadObject(obj, path, read);
    }

    /// <summary>Reads a list of objects; a single object counts as a one-element list.</summary>
    public IReadOnlyList<T> List<T>(string field, Func<JsonFieldReader, T> read, params string[] aliases)
    {
        if (!TryTake(field, aliases, out var node, out var path))
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            var single = AsSingleObject(node, path + "[0]");
            return single is null ? [] : [ReadObject(single, path + "[0]", read)];
        }

        var list = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var obj = AsSingleObject(array[i], itemPath);
            if (obj is not null)
            {
                list.Add(ReadObject(obj, itemPath, read));
            }
        }

        return list;
    }

    /// <summary>Reads a map of objects; a list of maps is merged, as mapstructure's weak decode does.</summary>
    public IReadOnlyDictionary<string, T> Map<T>(string field, Func<JsonFieldReader, T> read, params string[] aliases)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        if (!TryTake(field, aliases, out var node, out var path))
        {
            return map;
        }

        foreach (var source in MapSources(node, path))
        {
            foreach (var (key, value) in source)
            {
                var itemPath = $"{path}[{key}]";
                var obj = value is null ? new JsonObject() : AsSingleObject(value, itemPath);
                if (obj is not null)
                {
                    map[key] = ReadObject(obj, itemPath, read);
                }
            }
        }

        return map;
    }

    /// <summary>Takes a free-form object (proxy <c>Config</c>) as a deep copy.</summary>
    public JsonObject? RawObject(string field, params string[] aliases)
    {
        if (!TryTake(field, aliases, out var node, out var path))
        {
            return null;
        }

        var merged = new JsonObject();
        foreach (var source in MapSources(node, path))
        {
            foreach (var (key, value) in source)
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    /// <summary>Takes a free-form list (Envoy extensions) as a deep copy; a single value counts as a one-element list.</summary>
    public JsonArray? RawArray(string field, params string[] aliases)
    {
        if (!TryTake(field, aliases, out var node, out _))
        {
            return null;
        }

        return node switch
        {
            null => null,
            JsonArray array => (JsonArray)array.DeepClone(),
            _ => [node.DeepClone()],
        };
    }

    private T ReadObject<T>(JsonObject obj, string path, Func<JsonFieldReader, T> read)
    {
        var reader = new JsonFieldReader(obj, path, _context);
        var value = read(reader);
        reader.Finish();
        return value;
    }

    private bool TryTake(string field, string[] aliases, out JsonNode? node, out string path)
    {
        path = Join(_path, field);
        node = null;
        string? found = null;

        if (_object.ContainsKey(field))
        {
            found = field;
        }
        else
        {
            foreach (var (key, _) in _object)
            {
                if (!_consumed.Contains(key) && string.Equals(key, field, StringComparison.OrdinalIgnoreCase))
                {
                    found = key;
                    break;
                }
            }
        }

        // Aliases are dropped when the canonical key is present and used otherwise.
        foreach (var alias in aliases)
        {
            foreach (var (key, _) in _object)
            {
                if (!_consumed.Contains(key) && string.Equals(key, alias, StringComparison.OrdinalIgnoreCase))
                {
                    if (found is null)
                    {
                        found = key;
                    }
                    else
                    {
                        _consumed.Add(key);
                    }
                }
            }
        }

        if (found is null)
        {
            return false;
        }

        _consumed.Add(found);
        node = _object[found];
        return node is not null;
    }

    private JsonObject? AsSingleObject(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                return obj;
            case JsonArray { Count: 1 } array when array[0] is JsonObject only:
                return only;
            case JsonArray { Count: 0 }:
                return null;
            default:
                _context.TypeErrors.Add($"'{path}' expected a map, got '{GoKind(node)}'");
                return null;
        }
    }

    private IEnumerable<JsonObject> MapSources(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonObject itemObject)
                    {
                        yield return itemObject;
                    }
                    else
                    {
                        _context.TypeErrors.Add($"'{path}' expected a map, got '{GoKind(node)}'");
                        yield break;
                    }
                }

                break;
            case null:
                break;
            default:
                _context.TypeErrors.Add($"'{path}' expected a map, got '{GoKind(node)}'");
                break;
        }
    }

    private string ToStringValue(JsonNode? node, string path)
    {
        node = UnwrapSingle(node);
        switch (node)
        {
            case null:
                return "";
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        return value.GetValue<string>();
                    case JsonValueKind.True:
                        return "1";
                    case JsonValueKind.False:
                        return "0";
                    case JsonValueKind.Number:
                        return FormatNumber(value);
                    default:
                        break;
                }

                break;
            default:
                break;
        }

        Unconvertible(path, "string", node);
        return "";
    }

    private bool ToBool(JsonNode? node, string path)
    {
        node = UnwrapSingle(node);
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Number:
                    return NumberAsDouble(value) != 0;
                case JsonValueKind.String:
                    var s = value.GetValue<string>();
                    switch (s)
                    {
                        case "":
                        case "0" or "f" or "F" or "false" or "FALSE" or "False":
                            return false;
                        case "1" or "t" or "T" or "true" or "TRUE" or "True":
                            return true;
                        default:
                            _context.TypeErrors.Add(
                                $"cannot parse '{path}' as bool: strconv.ParseBool: parsing {GoQuote.Quote(s)}: invalid syntax");
                            return false;
                    }

                default:
                    break;
            }
        }

        Unconvertible(path, "bool", node);
        return false;
    }

    private long ToInteger(JsonNode? node, string path, string goType, long min, long max)
    {
        node = UnwrapSingle(node);
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return 1;
                case JsonValueKind.False:
                    return 0;
                case JsonValueKind.Number:
                    if (NumberAsLong(value) is { } l)
                    {
                        return Math.Clamp(l, min, max);
                    }

                    return (long)Math.Clamp(Math.Truncate(NumberAsDouble(value)), min, max);
                case JsonValueKind.String:
                    var s = value.GetValue<string>();
                    if (s.Length == 0)
                    {
                        return 0;
                    }

                    if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return Math.Clamp(parsed, min, max);
                    }

                    _context.TypeErrors.Add(
                        $"cannot parse '{path}' as int: strconv.ParseInt: parsing {GoQuote.Quote(s)}: invalid syntax");
                    return 0;
                default:
                    break;
            }
        }

        Unconvertible(path, goType, node);
        return 0;
    }

    private double ToDouble(JsonNode? node, string path)
    {
        node = UnwrapSingle(node);
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return 1;
                case JsonValueKind.False:
                    return 0;
                case JsonValueKind.Number:
                    return NumberAsDouble(value);
                case JsonValueKind.String:
                    var s = value.GetValue<string>();
                    if (s.Length == 0)
                    {
                        return 0;
                    }

                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return parsed;
                    }

                    _context.TypeErrors.Add(
                        $"cannot parse '{path}' as float: strconv.ParseFloat: parsing {GoQuote.Quote(s)}: invalid syntax");
                    return 0;
                default:
                    break;
            }
        }

        Unconvertible(path, "float32", node);
        return 0;
    }

    private TimeSpan ToDuration(JsonNode? node, string path)
    {
        node = UnwrapSingle(node);
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    var s = value.GetValue<string>();
                    if (s.Length == 0)
                    {
                        return TimeSpan.Zero;
                    }

                    if (GoDuration.TryParse(s, out var duration, out var error))
                    {
                        return duration;
                    }

                    _context.TypeErrors.Add($"error decoding '{path}': {error}");
                    return TimeSpan.Zero;
                case JsonValueKind.Number:
                    // A bare number is nanoseconds, as Go's time.Duration is.
                    var nanos = NumberAsLong(value) ?? (long)NumberAsDouble(value);
                    return TimeSpan.FromTicks(nanos / 100);
                default:
                    break;
            }
        }

        Unconvertible(path, "time.Duration", node);
        return TimeSpan.Zero;
    }

    private DateTimeOffset? ToTime(JsonNode? node, string path)
    {
        node = UnwrapSingle(node);
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var s = value.GetValue<string>();
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            {
                return time;
            }

            _context.TypeErrors.Add(
                $"error decoding '{path}': parsing time {GoQuote.Quote(s)} as \"2006-01-02T15:04:05Z07:00\": invalid time");
            return null;
        }

        Unconvertible(path, "time.Time", node);
        return null;
    }

    private static JsonNode? UnwrapSingle(JsonNode? node) =>
        node is JsonArray { Count: 1 } array && array[0] is not JsonArray and not JsonObject ? array[0] : node;

    private void Unconvertible(string path, string expected, JsonNode? node) =>
        _context.TypeErrors.Add(
            $"'{path}' expected type '{expected}', got unconvertible type '{GoType(node)}', value: '{node?.ToJsonString()}'");

    private static string FormatNumber(JsonValue value)
    {
        if (NumberAsLong(value) is { } l)
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        // Go's strconv.FormatFloat(f, 'f', -1, 64).
        return NumberAsDouble(value).ToString("0.###################", CultureInfo.InvariantCulture);
    }

    // Numbers may be backed by a parsed JsonElement or by any CLR numeric type (HCL and YAML trees), so go
    // through their JSON text rather than GetValue<T>, which only converts from the backing type.
    private static long? NumberAsLong(JsonValue value) =>
        long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;

    private static double NumberAsDouble(JsonValue value) =>
        double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static string GoType(JsonNode? node) => node switch
    {
        JsonObject => "map[string]interface {}",
        JsonArray => "[]interface {}",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "float64",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "interface {}",
        },
        _ => "<nil>",
    };

    private static string GoKind(JsonNode? node) => node switch
    {
        JsonObject => "map",
        JsonArray => "slice",
        _ => GoType(node),
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
