namespace Parley.Core.Dns;

/// <summary>
/// <c>dns_config.service_ttl</c>: TTLs by service name, where a key ending in <c>*</c> is a prefix (<c>*</c> alone
/// matches every service). An exact key wins, else the longest matching prefix, else the default.
/// </summary>
public sealed class DnsServiceTtl
{
    private readonly Dictionary<string, TimeSpan> _exact = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, TimeSpan Ttl)> _prefixes = [];

    /// <summary>The table for <paramref name="ttls"/> (service name or prefix with <c>*</c> to TTL).</summary>
    public DnsServiceTtl(IReadOnlyDictionary<string, TimeSpan> ttls)
    {
        ArgumentNullException.ThrowIfNull(ttls);
        foreach (var (key, ttl) in ttls)
        {
            if (key.EndsWith('*'))
            {
                _prefixes.Add((key[..^1], ttl));
            }
            else
            {
                _exact[key] = ttl;
            }
        }

        _prefixes.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
    }

    /// <summary>An empty table: every service gets zero.</summary>
    public static DnsServiceTtl None { get; } = new(new Dictionary<string, TimeSpan>());

    /// <summary>The TTL for <paramref name="service"/>; zero when nothing matches (Consul's default).</summary>
    public TimeSpan For(string service)
    {
        if (_exact.TryGetValue(service, out var ttl))
        {
            return ttl;
        }

        foreach (var (prefix, prefixTtl) in _prefixes)
        {
            if (service.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefixTtl;
            }
        }

        return TimeSpan.Zero;
    }
}
