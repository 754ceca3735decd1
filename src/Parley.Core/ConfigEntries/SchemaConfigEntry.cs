using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries.Schema;

namespace Parley.Core.ConfigEntries;

/// <summary>
/// An entry of a kind described by a <see cref="ConfigEntrySchema"/> (the gateway, route, certificate, JWT, sameness
/// and rate-limit kinds): its fields live in <see cref="Body"/>, decoded into Consul's canonical names and types.
/// </summary>
/// <remarks>
/// These kinds are stored, validated, listed and read back as Consul does; the gateways' service lists also answer
/// <c>/v1/catalog/gateway-services</c> and <c>/v1/health/ingress</c>. <see cref="Body"/> holds only fields that were
/// set (canonical names, Go duration text); it is never mutated after decoding, so treat it as read-only.
/// </remarks>
public sealed record SchemaConfigEntry : ConfigEntry
{
    /// <summary>Creates an entry of the kind <paramref name="schema"/> describes.</summary>
    public SchemaConfigEntry(ConfigEntrySchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
    }

    /// <summary>The kind's descriptor: shape, defaults, rules and ACL.</summary>
    public ConfigEntrySchema Schema { get; }

    /// <inheritdoc/>
    public override string Kind => Schema.Kind;

    /// <summary>The set fields, by Consul's names (read-only by convention).</summary>
    public JsonObject Body { get; init; } = [];
}
