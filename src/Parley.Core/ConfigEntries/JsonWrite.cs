using System.Text.Json.Nodes;
using Parley.Core.Go;

namespace Parley.Core.ConfigEntries;

/// <summary>
/// Helpers that build Consul-shaped JSON in field order. The <c>Opt*</c> methods follow Go's <c>omitempty</c>
/// (skip zero values); the plain ones always write. Maps are written with keys in ordinal order, as Go does.
/// </summary>
internal static class JsonWrite
{
    public static JsonObject OptString(this JsonObject obj, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            obj[key] = value;
        }

        return obj;
    }

    public static JsonObject String(this JsonObject obj, string key, string? value)
    {
        obj[key] = value ?? "";
        return obj;
    }

    public static JsonObject OptBool(this JsonObject obj, string key, bool value)
    {
        if (value)
        {
            obj[key] = true;
        }

        return obj;
    }

    public static JsonObject OptLong(this JsonObject obj, string key, long value)
    {
        if (value != 0)
        {
            obj[key] = value;
        }

        return obj;
    }

    public static JsonObject OptInt(this JsonObject obj, string key, int? value)
    {
        if (value is { } v and not 0)
        {
            obj[key] = v;
        }

        return obj;
    }

    /// <summary>A pointer-typed int in Go: written whenever it is set, even when zero.</summary>
    public static JsonObject OptNullableInt(this JsonObject obj, string key, int? value)
    {
        if (value is { } v)
        {
            obj[key] = v;
        }

        return obj;
    }

    /// <summary>A duration Consul marshals as Go text (<c>"15s"</c>), omitted when zero.</summary>
    public static JsonObject OptDuration(this JsonObject obj, string key, TimeSpan value)
    {
        if (value != TimeSpan.Zero)
        {
            obj[key] = GoDuration.Format(value);
        }

        return obj;
    }

    /// <summary>A duration Consul leaves as Go's int64 nanoseconds, omitted when zero.</summary>
    public static JsonObject OptNanos(this JsonObject obj, string key, TimeSpan value)
    {
        if (value != TimeSpan.Zero)
        {
            obj[key] = value.Ticks * 100;
        }

        return obj;
    }

    public static JsonObject OptObject(this JsonObject obj, string key, JsonNode? value)
    {
        if (value is not null)
        {
            obj[key] = value;
        }

        return obj;
    }

    public static JsonObject OptStrings(this JsonObject obj, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            obj[key] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return obj;
    }

    public static JsonObject OptInts(this JsonObject obj, string key, IReadOnlyList<int> values)
    {
        if (values.Count > 0)
        {
            obj[key] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return obj;
    }

    public static JsonObject OptList<T>(this JsonObject obj, string key, IReadOnlyList<T> values, Func<T, JsonNode> encode)
    {
        if (values.Count > 0)
        {
            obj[key] = new JsonArray(values.Select(v => (JsonNode?)encode(v)).ToArray());
        }

        return obj;
    }

    /// <summary>A slice without omitempty: <c>null</c> when empty, as Go writes a nil slice.</summary>
    public static JsonObject List<T>(this JsonObject obj, string key, IReadOnlyList<T> values, Func<T, JsonNode> encode)
    {
        obj[key] = values.Count == 0 ? null : new JsonArray(values.Select(v => (JsonNode?)encode(v)).ToArray());
        return obj;
    }

    public static JsonObject OptStringMap(this JsonObject obj, string key, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count > 0)
        {
            var map = new JsonObject();
            foreach (var k in values.Keys.Order(StringComparer.Ordinal))
            {
                map[k] = values[k];
            }

            obj[key] = map;
        }

        return obj;
    }

    public static JsonObject OptMap<T>(this JsonObject obj, string key, IReadOnlyDictionary<string, T> values, Func<T, JsonNode> encode)
    {
        if (values.Count > 0)
        {
            var map = new JsonObject();
            foreach (var k in values.Keys.Order(StringComparer.Ordinal))
            {
                map[k] = encode(values[k]);
            }

            obj[key] = map;
        }

        return obj;
    }
}
