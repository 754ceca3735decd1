using System.Collections.Concurrent;
using Parley.Core;
using Parley.Core.Acl;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary>
/// Turns a request's secret into the token's <see cref="AclAuthorizer"/>: the token, its policies (directly and through
/// roles, scoped to this datacenter) and identities, read from this server's replicated state. Resolved tokens and
/// parsed policies are cached until the ACL tables' index moves, so a changed or deleted token, policy or role takes
/// effect on the next request.
/// </summary>
/// <remarks>Thread-safe; one instance per agent. A cache generation is replaced whole when the index moves.</remarks>
public sealed class AclResolver(StateStore store, AclOptions options, AgentTokens tokens, TimeProvider timeProvider)
{
    private const int MaxCachedTokens = 10_000;

    private Generation _cache = new(-1);

    /// <summary>The authorizer of <paramref name="secret"/>; null or empty means the default token, else the anonymous token.</summary>
    /// <exception cref="ParleyException">PermissionDenied <c>ACL not found</c>: no token has this secret, or it has expired.</exception>
    public AclAuthorizer Resolve(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            secret = tokens.Default.Length > 0 ? tokens.Default : AclIds.AnonymousSecret;
        }

        var snapshot = store.Current;
        var cache = Volatile.Read(ref _cache);
        if (cache.Index != snapshot.AclIndex)
        {
            cache = new Generation(snapshot.AclIndex);
            Volatile.Write(ref _cache, cache);
        }

        if (!cache.Tokens.TryGetValue(secret, out var entry))
        {
            entry = Build(snapshot, secret, cache);

            // Bounded, so that requests with made-up secrets cannot grow it without end.
            if (cache.Tokens.Count < MaxCachedTokens)
            {
                cache.Tokens.TryAdd(secret, entry);
            }
        }

        if (entry.Authorizer is null || (entry.ExpiresAt is { } at && timeProvider.GetUtcNow() >= at))
        {
            throw NotFound();
        }

        return entry.Authorizer;
    }

    /// <summary>The token <paramref name="secret"/> names, or null (expired tokens count as absent).</summary>
    public AclToken? Token(StateSnapshot snapshot, string? secret)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (string.IsNullOrEmpty(secret))
        {
            secret = tokens.Default.Length > 0 ? tokens.Default : AclIds.AnonymousSecret;
        }

        return snapshot.GetAclTokenBySecret(secret) is { } token && !token.IsExpired(timeProvider.GetUtcNow()) ? token : null;
    }

    /// <summary>Consul's answer for a secret that names no token.</summary>
    public static ParleyException NotFound() => new(ErrorCode.PermissionDenied, "ACL not found");

    private Entry Build(StateSnapshot snapshot, string secret, Generation cache)
    {
        var token = snapshot.GetAclTokenBySecret(secret);
        if (token is null)
        {
            // Before a leader has written the anonymous token, a request without a token is still anonymous.
            return secret == AclIds.AnonymousSecret
                ? new Entry(AclAuthorizer.Create(AclIds.AnonymousTokenId, [], options.DefaultAllow), null)
                : new Entry(null, null);
        }

        var policyIds = token.Policies.Select(p => p.ID).ToList();
        var rules = new List<AclPolicyRules>();
        foreach (var role in token.Roles.Select(r => snapshot.GetAclRole(r.ID)).OfType<AclRole>())
        {
            policyIds.AddRange(role.Policies.Select(p => p.ID));
            rules.AddRange(Identities(role.ServiceIdentities, role.NodeIdentities));
        }

        if (policyIds.Contains(AclIds.GlobalManagementPolicyId))
        {
            return new Entry(AclAuthorizer.Management(token.AccessorID), token.ExpirationTime);
        }

        foreach (var policy in policyIds.Distinct().Select(snapshot.GetAclPolicy).OfType<AclPolicy>())
        {
            if (policy.Datacenters.Count == 0 || policy.Datacenters.Contains(options.Datacenter))
            {
                rules.Add(cache.Policies.GetOrAdd((policy.ID, policy.ModifyIndex), _ => ParseStored(policy.Rules)));
            }
        }

        rules.AddRange(Identities(token.ServiceIdentities, token.NodeIdentities));
        return new Entry(AclAuthorizer.Create(token.AccessorID, rules, options.DefaultAllow), token.ExpirationTime);
    }

    private IEnumerable<AclPolicyRules> Identities(IEnumerable<AclServiceIdentity> services, IEnumerable<AclNodeIdentity> nodes) =>
        services.Where(s => s.Datacenters is not { Count: > 0 } dcs || dcs.Contains(options.Datacenter))
            .Select(s => AclPolicyRules.ForServiceIdentity(s.ServiceName))
            .Concat(nodes.Where(n => n.Datacenter == options.Datacenter).Select(n => AclPolicyRules.ForNodeIdentity(n.NodeName)));

    private static AclPolicyRules ParseStored(string rules)
    {
        try
        {
            return AclRulesText.Parse(rules);
        }
        catch (ParleyException)
        {
            // Rules are validated before they are written; a stored policy that no longer parses grants nothing.
            return AclPolicyRules.None;
        }
    }

    private sealed record Entry(AclAuthorizer? Authorizer, DateTimeOffset? ExpiresAt);

    private sealed class Generation(long index)
    {
        public long Index { get; } = index;

        public ConcurrentDictionary<string, Entry> Tokens { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<(string, long), AclPolicyRules> Policies { get; } = new();
    }
}
