namespace Parley.Core.ConfigEntries;

/// <summary>Load-balancing policy a resolver asks proxies to use for its service.</summary>
public sealed record LoadBalancer
{
    /// <summary><c>random</c>, <c>round_robin</c>, <c>least_request</c>, <c>ring_hash</c>, <c>maglev</c> or empty.</summary>
    public string Policy { get; init; } = "";

    public RingHashConfig? RingHashConfig { get; init; }

    public LeastRequestConfig? LeastRequestConfig { get; init; }

    public IReadOnlyList<HashPolicy> HashPolicies { get; init; } = [];

    /// <summary>True for the hash-based policies (<c>ring_hash</c>, <c>maglev</c>).</summary>
    public bool IsHashBased => Policy is "ring_hash" or "maglev";
}
