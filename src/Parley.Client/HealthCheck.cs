using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>A check as the catalog and health endpoints return it (Consul's <c>api.HealthCheck</c>).</summary>
public sealed record HealthCheck
{
    /// <summary>The node the check belongs to.</summary>
    public string Node { get; init; } = "";

    /// <summary>The check ID.</summary>
    public string CheckID { get; init; } = "";

    /// <summary>The check name.</summary>
    public string Name { get; init; } = "";

    /// <summary>One of <see cref="HealthStatus"/>'s values.</summary>
    public string Status { get; init; } = "";

    /// <summary>Operator notes.</summary>
    public string Notes { get; init; } = "";

    /// <summary>The output of the last run.</summary>
    public string Output { get; init; } = "";

    /// <summary>The service instance the check belongs to; empty for a node check.</summary>
    public string ServiceID { get; init; } = "";

    /// <summary>The service name the check belongs to.</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>The tags of that service.</summary>
    public List<string>? ServiceTags { get; init; }

    /// <summary>The check type.</summary>
    public string Type { get; init; } = "";

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>The exposed port, when the check is exposed through a proxy.</summary>
    public int ExposedPort { get; init; }

    /// <summary>The peer the check was imported from; empty for local checks.</summary>
    [OmitEmpty]
    public string? PeerName { get; init; }

    /// <summary>The check definition.</summary>
    public JsonObject? Definition { get; init; }

    /// <summary>The index that created the check.</summary>
    public ulong CreateIndex { get; init; }

    /// <summary>The index that last changed the check.</summary>
    public ulong ModifyIndex { get; init; }
}
