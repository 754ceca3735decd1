using System.Text.RegularExpressions;
using Parley.Core.ConfigEntries;

namespace Parley.Core.Intentions;

/// <summary>
/// Decides whether a caller may reach a destination service from the <c>service-intentions</c> entries: the
/// matching intention with the highest precedence decides; a source with a peer matches only callers from that
/// peer, a source without one only local callers. L7 intentions decide by their first permission matching the
/// request; when none matches, or nothing matches at all, the default decision applies.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class IntentionMatcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    // Shared: the common case (no intention for the caller) allocates nothing per request.
    private static readonly IntentionDecision DefaultAllowDecision = new() { Allowed = true, IsDefault = true, DefaultAllow = true };
    private static readonly IntentionDecision DefaultDenyDecision = new() { Allowed = false, IsDefault = true, DefaultAllow = false };

    /// <summary>Decides a call.</summary>
    /// <param name="entries">All <c>service-intentions</c> entries (normalized).</param>
    /// <param name="caller">The caller's identity.</param>
    /// <param name="destination">The destination service name.</param>
    /// <param name="defaultAllow">The decision when no intention decides (Consul: allow unless ACLs default to deny).</param>
    /// <param name="request">The HTTP request, for L7 intentions; null for an L4 (connection-level) decision.</param>
    public static IntentionDecision Decide(
        IEnumerable<ServiceIntentionsConfigEntry> entries,
        IntentionCaller caller,
        string destination,
        bool defaultAllow = true,
        HttpRequestInfo? request = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(destination);
        return Decide(IntentionQueries.MatchByDestination(entries, destination), caller, defaultAllow, request);
    }

    /// <summary>
    /// Decides a call against the intentions of one destination, already sorted highest precedence first (what
    /// <see cref="IntentionQueries.MatchByDestination"/> returns): a proxy computes that list once per change of
    /// the entries and decides every connection or request against it.
    /// </summary>
    /// <param name="candidates">The destination's intentions, highest precedence first.</param>
    /// <param name="caller">The caller's identity.</param>
    /// <param name="defaultAllow">The decision when no intention decides.</param>
    /// <param name="request">The HTTP request, for L7 intentions; null for an L4 (connection-level) decision.</param>
    public static IntentionDecision Decide(
        IReadOnlyList<Intention> candidates,
        IntentionCaller caller,
        bool defaultAllow = true,
        HttpRequestInfo? request = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(caller);

        Intention? match = null;
        foreach (var candidate in candidates)
        {
            if (SourceMatches(candidate, caller))
            {
                match = candidate;
                break;
            }
        }

        if (match is null)
        {
            return defaultAllow ? DefaultAllowDecision : DefaultDenyDecision;
        }

        if (match.Permissions.Count == 0)
        {
            return new IntentionDecision
            {
                Allowed = match.Action == "allow",
                Intention = match,
            };
        }

        if (request is null)
        {
            // A connection-level check cannot evaluate per-request permissions, so Consul denies it.
            return new IntentionDecision
            {
                Allowed = false,
                Intention = match,
                HasPermissions = true,
            };
        }

        foreach (var permission in match.Permissions)
        {
            if (PermissionMatches(permission, request))
            {
                return new IntentionDecision
                {
                    Allowed = permission.Action == "allow",
                    Intention = match,
                    Permission = permission,
                    HasPermissions = true,
                };
            }
        }

        return new IntentionDecision
        {
            Allowed = defaultAllow,
            Intention = match,
            HasPermissions = true,
            IsDefault = true,
            DefaultAllow = defaultAllow,
        };
    }

    /// <summary>True when the intention's source covers the caller (peer, namespace, partition and name).</summary>
    public static bool SourceMatches(Intention intention, IntentionCaller caller)
    {
        ArgumentNullException.ThrowIfNull(intention);
        ArgumentNullException.ThrowIfNull(caller);
        if (!string.Equals(intention.SourcePeer, caller.Peer, StringComparison.Ordinal))
        {
            return false;
        }

        if (intention.SourceNamespace != "*" && intention.SourceNamespace != caller.Namespace)
        {
            return false;
        }

        if (intention.SourceName != "*" && intention.SourceName != caller.Service)
        {
            return false;
        }

        // A local source inherits the destination's partition; a peer's partition is the peer's business.
        if (caller.Peer.Length == 0)
        {
            var partition = intention.SourcePartition.Length == 0 ? "default" : intention.SourcePartition;
            return partition == caller.Partition;
        }

        return true;
    }

    /// <summary>True when every condition of the permission's HTTP block holds for the request.</summary>
    public static bool PermissionMatches(IntentionPermission permission, HttpRequestInfo request)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(request);
        if (permission.Http is not { } http)
        {
            return false;
        }

        var path = request.Path;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        if (http.PathExact.Length > 0 && !string.Equals(path, http.PathExact, StringComparison.Ordinal))
        {
            return false;
        }

        if (http.PathPrefix.Length > 0 && !path.StartsWith(http.PathPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (http.PathRegex.Length > 0 && !FullMatch(http.PathRegex, path))
        {
            return false;
        }

        if (http.Methods.Count > 0 && !http.Methods.Contains(request.Method.ToUpperInvariant(), StringComparer.Ordinal))
        {
            return false;
        }

        foreach (var header in http.Header)
        {
            if (HeaderMatches(header, request) == header.Invert)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HeaderMatches(IntentionHttpHeaderPermission header, HttpRequestInfo request)
    {
        string? value = null;
        foreach (var (name, v) in request.Headers)
        {
            if (string.Equals(name, header.Name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                break;
            }
        }

        if (value is null)
        {
            return false;
        }

        return header switch
        {
            { Present: true } => true,
            { Exact.Length: > 0 } => value == header.Exact,
            { Prefix.Length: > 0 } => value.StartsWith(header.Prefix, StringComparison.Ordinal),
            { Suffix.Length: > 0 } => value.EndsWith(header.Suffix, StringComparison.Ordinal),
            { Regex.Length: > 0 } => FullMatch(header.Regex, value),
            _ => false,
        };
    }

    // Envoy's safe_regex matches the whole value.
    private static bool FullMatch(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
