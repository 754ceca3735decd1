namespace Parley.Core.ConfigEntries;

/// <summary>Outlier detection towards one upstream.</summary>
public sealed record PassiveHealthCheck
{
    public TimeSpan Interval { get; init; }

    public int MaxFailures { get; init; }

    public int? EnforcingConsecutive5xx { get; init; }
}
