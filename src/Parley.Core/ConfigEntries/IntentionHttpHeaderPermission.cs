namespace Parley.Core.ConfigEntries;

/// <summary>One header condition of an L7 permission; exactly one of Present/Exact/Prefix/Suffix/Regex.</summary>
public sealed record IntentionHttpHeaderPermission
{
    public string Name { get; init; } = "";

    public bool Present { get; init; }

    public string Exact { get; init; } = "";

    public string Prefix { get; init; } = "";

    public string Suffix { get; init; } = "";

    public string Regex { get; init; } = "";

    /// <summary>Negates the condition.</summary>
    public bool Invert { get; init; }
}
