namespace Parley.Core.ConfigEntries;

/// <summary>An L7 permission of a source intention: an action and the HTTP request it applies to.</summary>
public sealed record IntentionPermission
{
    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    public string Action { get; init; } = "";

    public IntentionHttpPermission? Http { get; init; }
}
