using System.Globalization;
using Parley.Core.Catalog;
using Parley.Core.Go;
using Parley.Core.Peering;

namespace Parley.Core.PreparedQueries;

/// <summary>
/// Consul's prepared query rules, pure: validation of a create or update (its <c>parseQuery</c>, with its texts), the
/// UUID test that separates IDs from names, and the instance filters an execution applies (health with ignored checks,
/// tags with <c>!tag</c>, node and service meta).
/// </summary>
public static class PreparedQueryRules
{
    /// <summary>What Consul shows instead of a query's token to callers who may not see it.</summary>
    public const string RedactedToken = "<hidden>";

    /// <summary>
    /// Why <paramref name="query"/> cannot be stored, as Consul words it (<c>Invalid prepared query: ...</c>, or the
    /// template's compile error), or null when it is valid. Names and sessions are checked against the state at apply.
    /// </summary>
    public static string? Validate(PreparedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Invalid(query) is { } reason)
        {
            return "Invalid prepared query: " + reason;
        }

        return query.IsTemplate && QueryTemplateRenderer.Compile(query) is { Error: { } error }
            ? "failed compiling template: " + error
            : null;
    }

    private static string? Invalid(PreparedQuery query)
    {
        // An unnamed query could never be found again but by its ID: it must end with a session, or be a template.
        if (query.Name.Length == 0 && !query.IsTemplate && query.Session.Length == 0)
        {
            return "Must be bound to a session";
        }

        if (query.Token == RedactedToken)
        {
            return $"Bad Token '{query.Token}', it looks like a query definition with a redacted token was submitted";
        }

        var service = query.Service;
        if (service.Service.Length == 0)
        {
            return "Must provide a Service name to query";
        }

        var failover = service.Failover;
        if (failover.NearestN < 0)
        {
            return $"Bad NearestN '{failover.NearestN}', must be >= 0";
        }

        if ((failover.NearestN != 0 || failover.Datacenters.Count > 0) && failover.Targets.Count > 0)
        {
            return "Targets cannot be populated with NearestN or Datacenters";
        }

        // Consul validates node meta filters as node meta, except that its reserved "consul-" keys may be asked for.
        var meta = service.NodeMeta
            .Where(p => !p.Key.StartsWith(PeeringMeta.ReservedPrefix, StringComparison.Ordinal))
            .ToDictionary(StringComparer.Ordinal);
        if (PeeringMeta.ValidateMetadata(meta) is { } metaError)
        {
            return metaError;
        }

        return DnsTtlError(query.DNS.TTL);
    }

    private static string? DnsTtlError(string ttl)
    {
        if (ttl.Length == 0)
        {
            return null;
        }

        if (!GoDuration.TryParse(ttl, out var value, out var error))
        {
            return $"Bad DNS TTL '{ttl}': {error}";
        }

        return value < TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"DNS TTL '{value.Ticks * 100}', must be >=0")
            : null;
    }

    /// <summary>The DNS TTL a query asks for, or null when it names none.</summary>
    public static TimeSpan? DnsTtl(PreparedQuery query) =>
        GoDuration.TryParse(query?.DNS.TTL, out var ttl) && query!.DNS.TTL.Length > 0 ? ttl : null;

    /// <summary>Whether <paramref name="text"/> has the shape of a UUID (Consul's <c>isUUID</c>): IDs and names never mix.</summary>
    public static bool IsUuid(string text) =>
        text?.Length == 36 && Guid.TryParseExact(text, "D", out _);

    /// <summary>
    /// Consul's health filter (<c>FilterIgnore</c>): an instance with a critical check is out, and with
    /// <paramref name="onlyPassing"/> one with any check not passing; checks in <paramref name="ignore"/> do not count.
    /// </summary>
    public static bool Healthy(IEnumerable<HealthCheck> checks, bool onlyPassing, IReadOnlyCollection<string> ignore)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(ignore);
        return checks.Where(c => !ignore.Contains(c.CheckID))
            .All(c => c.Status != HealthStatus.Critical && c.Status != HealthStatus.Maintenance
                && (!onlyPassing || c.Status == HealthStatus.Passing));
    }

    /// <summary>
    /// Consul's tag filter: the instance has every tag of <paramref name="filters"/> and none of those written
    /// <c>!tag</c>, compared ignoring case.
    /// </summary>
    public static bool TagsMatch(IEnumerable<string> tags, IReadOnlyList<string> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0)
        {
            return true;
        }

        var have = tags.Select(t => t.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return filters.All(f => f.StartsWith('!') ? !have.Contains(f[1..].ToLowerInvariant()) : have.Contains(f.ToLowerInvariant()));
    }

    /// <summary>
    /// Every pair of <paramref name="filters"/> is in <paramref name="meta"/> with the same value (Consul's <c>SatisfiesMetaFilters</c>).
    /// </summary>
    public static bool MetaMatches(IReadOnlyDictionary<string, string> meta, IReadOnlyDictionary<string, string> filters)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(filters);
        return filters.All(f => meta.TryGetValue(f.Key, out var value) && value == f.Value);
    }
}
