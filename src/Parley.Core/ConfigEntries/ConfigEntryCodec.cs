using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries.Schema;

namespace Parley.Core.ConfigEntries;

/// <summary>
/// Converts config entries to and from Consul's JSON shape. <see cref="Decode"/> accepts what Consul's HTTP API
/// and <c>consul config write</c> accept (JSON, or HCL parsed to a JSON tree: case-insensitive keys, snake_case
/// aliases, weak scalar typing); <see cref="DecodeYaml"/> accepts the Kubernetes custom-resource form;
/// <see cref="Encode"/> writes the canonical form (Kind and Name first, Go duration strings, Consul's omitempty).
/// </summary>
/// <remarks>
/// Pure and thread-safe. <c>Encode(Decode(x))</c> is stable: decoding an encoded entry yields an entry that
/// encodes identically. Decoding never sets <see cref="ConfigEntry.CreateIndex"/>/<see cref="ConfigEntry.ModifyIndex"/>;
/// the store assigns them.
/// </remarks>
public static partial class ConfigEntryCodec
{
    /// <summary>Decodes an entry from its JSON tree; throws <see cref="ConfigEntryDecodeException"/> with Consul's reason.</summary>
    public static ConfigEntry Decode(JsonObject raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!raw.TryGetPropertyValue("Kind", out var kindNode) && !raw.TryGetPropertyValue("kind", out kindNode))
        {
            throw new ConfigEntryDecodeException("Payload does not contain a kind/Kind key at the top level");
        }

        if (kindNode is not JsonValue kindValue || kindValue.GetValueKind() != JsonValueKind.String)
        {
            throw new ConfigEntryDecodeException("Kind value in payload is not a string");
        }

        var kind = kindValue.GetValue<string>();
        if (!ConfigEntryKinds.IsKnown(kind))
        {
            throw new ConfigEntryDecodeException($"invalid config entry kind: {kind}");
        }

        var context = new DecodeContext();
        var reader = new JsonFieldReader(raw, "", context);
        reader.Ignore("Kind");
        reader.Ignore("kind");
        reader.Ignore("CreateIndex");
        reader.Ignore("ModifyIndex");
        _ = reader.Long("Hash");

        ConfigEntry entry = kind switch
        {
            _ when ConfigEntrySchemas.TryGet(kind, out var schema) => new SchemaConfigEntry(schema)
            {
                Name = reader.String("Name"),
                Body = SchemaCodec.Read(reader, schema.Fields),
                Meta = reader.StringMap("Meta"),
            },
            ConfigEntryKinds.ServiceResolver => DecodeResolver(reader),
            ConfigEntryKinds.ServiceSplitter => DecodeSplitter(reader),
            ConfigEntryKinds.ServiceRouter => DecodeRouter(reader),
            ConfigEntryKinds.ServiceDefaults => DecodeServiceDefaults(reader),
            ConfigEntryKinds.ProxyDefaults => DecodeProxyDefaults(reader),
            ConfigEntryKinds.Mesh => DecodeMesh(reader),
            ConfigEntryKinds.ServiceIntentions => DecodeIntentions(reader),
            ConfigEntryKinds.ExportedServices => DecodeExportedServices(reader),
            _ => throw new ConfigEntryDecodeException($"invalid config entry kind: {kind}"),
        };

        reader.Finish();
        context.ThrowIfFailed();
        return entry;
    }

    /// <summary>Decodes an entry from JSON text.</summary>
    public static ConfigEntry DecodeJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ConfigEntryDecodeException(ex.Message, [ex.Message], ex);
        }

        return node is JsonObject obj
            ? Decode(obj)
            : throw new ConfigEntryDecodeException("Payload does not contain a kind/Kind key at the top level");
    }

    /// <summary>Encodes an entry to JSON text (compact, or indented with 4 spaces as the Consul CLI prints).</summary>
    public static string EncodeToString(ConfigEntry entry, bool indented = false)
    {
        var json = Encode(entry);
        return json.ToJsonString(indented ? IndentedOptions : CompactOptions);
    }

    /// <summary>
    /// True when both entries encode identically apart from their Raft indexes — the state store's
    /// "nothing changed" test.
    /// </summary>
    public static bool ContentEquals(ConfigEntry a, ConfigEntry b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = Encode(a with { CreateIndex = 0, ModifyIndex = 0 }).ToJsonString(CompactOptions);
        var right = Encode(b with { CreateIndex = 0, ModifyIndex = 0 }).ToJsonString(CompactOptions);
        return string.Equals(left, right, StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions IndentedOptions = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
