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

    /// <summary>The default decision this one was made with (it shows in <see cref="Reason"/>).</summary>
    public bool DefaultAllow { get; init; }

    /// <summary>A sentence for logs and the authorize API; built when read, so deciding allocates no text.</summary>
    public string Reason
    {
        get
        {
            var defaultText = DefaultAllow ? "allow" : "deny";
            if (Intention is not { } match)
            {
                return $"Default behavior configured by ACLs ({defaultText})";
            }

            if (!HasPermissions)
            {
                return $"Matched L4 intention: {Describe(match)}";
            }

            if (Permission is { } permission)
            {
                return $"Matched L7 intention: {Describe(match)}; permission {permission.Action}";
            }

            return IsDefault
                ? $"Matched L7 intention: {Describe(match)}; no permission matched, default ({defaultText})"
                : $"Matched L7 intention: {Describe(match)}";
        }
    }

    private static string Describe(Intention i)
    {
        var source = i.SourcePeer.Length > 0
            ? $"peer {i.SourcePeer} {i.SourceNamespace}/{i.SourceName}"
            : $"{i.SourceNamespace}/{i.SourceName}";
        var action = i.Permissions.Count > 0 ? "L7" : i.Action.ToUpperInvariant();
        return $"{action} {source} => {i.DestinationNamespace}/{i.DestinationName} (precedence {i.Precedence})";
    }
}
