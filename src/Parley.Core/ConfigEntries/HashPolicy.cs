namespace Parley.Core.ConfigEntries;

/// <summary>What a hash-based load balancer hashes: a header, cookie or query parameter, or the source IP.</summary>
public sealed record HashPolicy
{
    /// <summary><c>header</c>, <c>cookie</c> or <c>query_parameter</c>.</summary>
    public string Field { get; init; } = "";

    public string FieldValue { get; init; } = "";

    public CookieConfig? CookieConfig { get; init; }

    public bool SourceIP { get; init; }

    public bool Terminal { get; init; }
}
