using Parley.Core.ConfigEntries;

namespace Parley.Core.Intentions;

/// <summary>Whether a call is allowed, and what decided it.</summary>
public sealed record IntentionDecision
{
    public bool Allowed { get; init; }

    /// <summary>The intention that matched the caller; null when the default decided.</summary>
    public Intention? Intention { get; init; }

    /// <summary>The L7 permission that matched the request, if one did.</summary>
    public IntentionPermission? Permission { get; init; }

    /// <summary>True when the default decision applied (no intention, or no permission of an L7 intention, matched).</summary>
    public bool IsDefault { get; init; }

    /// <summary>True when the matching intention has L7 permissions (an L4-only check then denies, as Consul does).</summary>
    public bool HasPermissions { get; init; }

    /// <summary>A sentence for logs and the authorize API.</summary>
    public string Reason { get; init; } = "";
}
