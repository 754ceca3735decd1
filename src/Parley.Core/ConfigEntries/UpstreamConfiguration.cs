namespace Parley.Core.ConfigEntries;

/// <summary>Per-upstream overrides and defaults of a <c>service-defaults</c> entry.</summary>
public sealed record UpstreamConfiguration
{
    public IReadOnlyList<UpstreamConfig> Overrides { get; init; } = [];

    public UpstreamConfig? Defaults { get; init; }
}
