using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Reads service definition files (HCL or JSON) as Consul's agent config holds them: <c>service { ... }</c>,
/// <c>{"Service": {...}}</c> or <c>services [ ... ]</c>, with keys in any case and snake_case
/// (<c>enable_tag_override</c>, <c>sidecar_service</c>), into registrations.
/// </summary>
internal static class ServiceDefinitions
{
    // Maps whose keys are the user's (metadata, headers, opaque proxy config): kept exactly as written.
    private static readonly HashSet<string> VerbatimMaps = new(StringComparer.OrdinalIgnoreCase) { "Meta", "NodeMeta", "Header", "Config" };

    // Maps with user keys whose values are structured (tag name -> {address, port}).
    private static readonly HashSet<string> KeyedMaps = new(StringComparer.OrdinalIgnoreCase) { "TaggedAddresses" };

    /// <summary>The services defined in <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not valid HCL/JSON, holds no services, or a field has the wrong type.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static List<AgentServiceRegistration> Load(string path)
    {
        var document = DocumentInput.Parse(File.ReadAllText(path), Path.GetFileName(path));
        var definitions = new List<JsonObject>();
        foreach (var (key, value) in document)
        {
            if (!key.Equals("service", StringComparison.OrdinalIgnoreCase) && !key.Equals("services", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            switch (value)
            {
                case JsonObject single:
                    definitions.Add(single);
                    break;
                case JsonArray many:
                    definitions.AddRange(many.OfType<JsonObject>());
                    break;
                default:
                    throw new FormatException($"{path}: \"{key}\" must be an object or a list of objects");
            }
        }

        if (definitions.Count == 0)
        {
            throw new FormatException($"{path} has no service definitions");
        }

        return [.. definitions.Select(d => ToRegistration(d, path))];
    }

    private static AgentServiceRegistration ToRegistration(JsonObject definition, string path)
    {
        var normalized = NormalizeObject(definition);

        // Repeated `check { }` blocks arrive as a list; they are all checks of the service.
        if (normalized["Check"] is JsonArray checks)
        {
            normalized.Remove("Check");
            var all = normalized["Checks"] as JsonArray ?? [];
            foreach (var check in checks.ToList())
            {
                checks.Remove(check);
                all.Add(check);
            }

            normalized["Checks"] = all;
        }

        try
        {
            return normalized.Deserialize<AgentServiceRegistration>(ParleyJson.Options)
                ?? throw new FormatException($"{path}: empty service definition");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{path}: {exception.Message}", exception);
        }
    }

    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => NormalizeObject(obj),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        _ => node?.DeepClone(),
    };

    private static JsonObject NormalizeObject(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var pascal = Pascalize(key);
            result[pascal] = VerbatimMaps.Contains(pascal) ? value?.DeepClone()
                : KeyedMaps.Contains(pascal) && value is JsonObject map
                    ? new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value))))
                : Normalize(value);
        }

        return result;
    }

    // sidecar_service -> SidecarService, name -> Name, ID -> ID.
    private static string Pascalize(string key)
        => string.Concat(key.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
