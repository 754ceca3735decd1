using System.Text.Json.Serialization;

namespace Parley.Client;

/// <summary>
/// A session (Consul's <c>api.SessionEntry</c>). <see cref="LockDelay"/> travels in nanoseconds; null check lists in a
/// create request keep the agent's defaults (its node's <c>serfHealth</c>).
/// </summary>
public sealed record SessionEntry
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ID { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Node { get; init; }

    /// <summary>Nanoseconds; see <see cref="LockDelayTime"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long LockDelay { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Behavior { get; init; }

    /// <summary>Go duration text, e.g. <c>15s</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TTL { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? NodeChecks { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ServiceCheckRef>? ServiceChecks { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong CreateIndex { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ModifyIndex { get; init; }

    /// <summary><see cref="LockDelay"/> as a <see cref="TimeSpan"/>.</summary>
    [JsonIgnore]
    public TimeSpan LockDelayTime => TimeSpan.FromTicks(LockDelay / 100);
}

/// <summary>A service check a session depends on.</summary>
public sealed record ServiceCheckRef(string ID, string Namespace = "");
