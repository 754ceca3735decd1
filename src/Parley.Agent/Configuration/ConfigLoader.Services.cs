using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;

namespace Parley.Agent.Configuration;

public static partial class ConfigLoader
{
    // Maps whose keys are the user's (metadata, headers, opaque proxy config): kept exactly as written.
    private static readonly HashSet<string> VerbatimMaps = new(StringComparer.OrdinalIgnoreCase) { "Meta", "Header", "Config" };

    /// <summary>
    /// The <c>service { }</c> / <c>services [ ]</c> definitions of one file, as agent registrations in Consul's key names
    /// (<c>sidecar_service</c> → <c>SidecarService</c>, repeated <c>check</c> blocks → <c>Checks</c>). The Proxy and
    /// Connect blocks, the sidecar's included, are decoded strictly: an unknown key stops the agent, naming it.
    /// </summary>
    private static IEnumerable<JsonObject> ServiceDefinitions(JsonNode? value, string key, string path)
    {
        IEnumerable<JsonNode?> items = value switch
        {
            // Not a JsonArray: putting the object into one would re-parent it.
            JsonObject one => new[] { one },
            JsonArray many => many.ToList(),
            _ => throw new ConfigException($"{path}: \"{key}\" must be a block or a list of blocks"),
        };
        foreach (var item in items)
        {
            if (item is not JsonObject definition)
            {
                throw new ConfigException($"{path}: \"{key}\" must be a block or a list of blocks");
            }

            var written = (JsonObject)WrapLists(definition)!;
            var normalized = NormalizeService(written);
            var name = normalized["Name"] is JsonValue n ? n.ToString() : "";
            CheckBlocksStrictly(written, $"{path}: service \"{name}\"");
            try
            {
                _ = normalized.Deserialize<AgentServiceRegistration>(ApiJson.Request);
            }
            catch (JsonException e)
            {
                throw new ConfigException($"{path}: service \"{name}\": {e.Message}");
            }

            yield return normalized;
        }
    }

    /// <summary>Decodes the blocks as written (so an error names the key as the user spelled it), refusing unknown keys.</summary>
    private static void CheckBlocksStrictly(JsonObject service, string where)
    {
        try
        {
            if (Key(service, "proxy") is JsonObject proxy)
            {
                _ = ConnectCodec.DecodeProxy(proxy, strict: true);
            }

            if (Key(service, "connect") is JsonObject connect)
            {
                _ = ConnectCodec.DecodeConnect(connect, out var sidecar, strict: true);
                if (sidecar is not null)
                {
                    CheckBlocksStrictly(sidecar, where + " sidecar_service");
                }
            }
        }
        catch (ConfigEntryDecodeException e)
        {
            throw new ConfigException($"{where}: {e.Message}");
        }
    }

    private static JsonNode? Key(JsonObject obj, string name) =>
        obj.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// A copy where the lists Consul expects (<c>upstreams</c>, <c>checks</c>, expose <c>paths</c>) are lists even when
    /// HCL wrote one block (which it reads as an object), and single blocks written as one-element lists are objects.
    /// </summary>
    private static JsonNode? WrapLists(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return new JsonArray([.. array.Select(WrapLists)]);
        }

        if (node is not JsonObject obj)
        {
            return node?.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var pascal = Pascalize(key);
            if (VerbatimMaps.Contains(pascal))
            {
                result[key] = value is JsonArray { Count: 1 } one && one[0] is JsonObject single ? single.DeepClone() : value?.DeepClone();
                continue;
            }

            result[key] = pascal switch
            {
                "Upstreams" or "Checks" or "Paths" when value is JsonObject single => new JsonArray(WrapLists(single)),
                "Proxy" or "Connect" or "SidecarService" or "Weights" or "MeshGateway" or "Expose" or "TransparentProxy"
                    when value is JsonArray { Count: 1 } one && one[0] is JsonObject single => WrapLists(single),
                _ => WrapLists(value),
            };
        }

        return result;
    }

    /// <summary>Keys in Consul's names (<c>enable_tag_override</c> → <c>EnableTagOverride</c>); user maps kept as written.</summary>
    private static JsonObject NormalizeService(JsonObject definition)
    {
        var normalized = NormalizeObject(definition);
        foreach (var owner in new[] { normalized, (normalized["Connect"] as JsonObject)?["SidecarService"] as JsonObject })
        {
            // Repeated `check { }` blocks arrive as a list; they are all checks of the service.
            if (owner?["Check"] is JsonArray checks)
            {
                owner.Remove("Check");
                var all = owner["Checks"] as JsonArray ?? [];
                owner.Remove("Checks");
                foreach (var check in checks.ToList())
                {
                    checks.Remove(check);
                    all.Add(check);
                }

                owner["Checks"] = all;
            }
        }

        return normalized;
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
                : pascal == "TaggedAddresses" && value is JsonObject map ? new JsonObject(
                    map.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value))))
                : Normalize(value);
        }

        return result;
    }

    // sidecar_service -> SidecarService, name -> Name, ID -> ID.
    private static string Pascalize(string key) =>
        string.Concat(key.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
