using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;
using Parley.Hcl;

namespace Parley.Core.Tests.ConfigEntries;

/// <summary>Decoding helpers for the three input forms, and the canonical text used to compare entries.</summary>
internal static class EntryForms
{
    public static ConfigEntry FromHcl(string text) => ConfigEntryCodec.Decode(HclParser.Parse(text));

    public static ConfigEntry FromJson(string text) => ConfigEntryCodec.DecodeJson(text);

    public static ConfigEntry FromYaml(string text) => ConfigEntryCodec.DecodeYaml(text);

    /// <summary>The stored form: normalized, encoded compactly.</summary>
    public static string Canonical(ConfigEntry entry) =>
        ConfigEntryCodec.EncodeToString(ConfigEntryNormalizer.Normalize(entry));

    public static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;
}
