using System.Text.Json.Nodes;

namespace Parley.Core.ConfigEntries.Schema;

/// <summary>
/// The descriptor of one config entry kind that Parley stores by shape: Consul's field layout (names, types, which
/// fields Consul always writes), its <c>Normalize</c> defaults, its <c>Validate</c> rules and its read ACL. The codec,
/// normalizer and validator dispatch to it, so a kind is added by describing it, not by a new code path.
/// </summary>
public sealed class ConfigEntrySchema
{
    /// <summary>Consul's kind name (<c>ingress-gateway</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The Kubernetes custom-resource name (<c>IngressGateway</c>), when Consul has one.</summary>
    public string? KubernetesName { get; init; }

    /// <summary>The fields after <c>Kind</c> and <c>Name</c>, in Consul's order (<c>Meta</c> and the indexes follow them).</summary>
    public required IReadOnlyList<SchemaField> Fields { get; init; }

    /// <summary>Consul's <c>Normalize</c>: fills defaults in a copy of the body (null: nothing to fill).</summary>
    public Action<JsonObject>? Normalize { get; init; }

    /// <summary>Consul's <c>Validate</c>: adds each problem's text; the entry is valid when it adds none.</summary>
    public required Action<SchemaConfigEntry, List<string>> Check { get; init; }

    /// <summary>What reading an entry of this kind needs; writing always needs <c>mesh:write</c>.</summary>
    public ConfigEntryAccess ReadAccess { get; init; } = ConfigEntryAccess.Mesh;
}
