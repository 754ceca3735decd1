using System.Text.Json.Serialization;

namespace Parley.Peering.Tracking;

/// <summary>Source-generated JSON for <see cref="PeeringStreamStatusQuery"/>'s answer: compact, nulls left out.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, PeeringStreamStatus>))]
internal sealed partial class PeeringStreamStatusJsonContext : JsonSerializerContext
{
}
