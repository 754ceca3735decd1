namespace Parley.Core.ConfigEntries;

/// <summary>Cookie generation for the <c>cookie</c> hash policy.</summary>
public sealed record CookieConfig
{
    public bool Session { get; init; }

    public TimeSpan Ttl { get; init; }

    public string Path { get; init; } = "";
}
