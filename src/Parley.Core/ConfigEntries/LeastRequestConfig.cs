namespace Parley.Core.ConfigEntries;

/// <summary>Settings for the <c>least_request</c> policy.</summary>
public sealed record LeastRequestConfig
{
    public long ChoiceCount { get; init; }
}
