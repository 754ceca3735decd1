using System.Text.Json.Serialization;

namespace Parley.Cli.Commands.Kv;

/// <summary>One pair in <c>kv export</c>/<c>kv import</c>'s JSON (Consul's <c>kvExportEntry</c>): the value in base64.</summary>
internal sealed record KvExportEntry(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("flags")] ulong Flags,
    [property: JsonPropertyName("value")] string Value);
