using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>A check registered with the local agent (Consul's <c>api.AgentCheck</c>).</summary>
public sealed record AgentCheck
{
    /// <summary>The node the check runs on.</summary>
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

    /// <summary>The check type (<c>ttl</c>, <c>http</c>, <c>tcp</c>, ...).</summary>
    public string Type { get; init; } = "";

    /// <summary>The exposed port, when the check is exposed through a proxy.</summary>
    public int ExposedPort { get; init; }

    /// <summary>The check definition.</summary>
    [OmitEmpty]
    public JsonObject? Definition { get; init; }

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }
}
