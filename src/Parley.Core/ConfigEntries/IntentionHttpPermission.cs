namespace Parley.Core.ConfigEntries;

/// <summary>HTTP attributes an L7 permission matches; all given parts must match.</summary>
public sealed record IntentionHttpPermission
{
    public string PathExact { get; init; } = "";

    public string PathPrefix { get; init; } = "";

    public string PathRegex { get; init; } = "";

    public IReadOnlyList<IntentionHttpHeaderPermission> Header { get; init; } = [];

    /// <summary>Upper-case HTTP methods (normalization upper-cases them).</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];
}
