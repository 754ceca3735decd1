namespace Parley.Dns;

/// <summary><c>dns_config.soa { expire, min_ttl, refresh, retry }</c> in seconds, with Consul's defaults.</summary>
public sealed record DnsSoaOptions
{
    /// <summary>Defaults to 86400.</summary>
    public int Expire { get; init; } = 86400;

    /// <summary>Negative-caching TTL and the SOA record's own TTL. Defaults to 0.</summary>
    public int MinTtl { get; init; }

    /// <summary>Defaults to 3600.</summary>
    public int Refresh { get; init; } = 3600;

    /// <summary>Defaults to 600.</summary>
    public int Retry { get; init; } = 600;
}
