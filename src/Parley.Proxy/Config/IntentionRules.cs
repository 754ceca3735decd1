using Parley.Core.ConfigEntries;
using Parley.Core.Intentions;

namespace Parley.Proxy.Config;

/// <summary>
/// The intentions whose destination is the proxy's service, sorted once per change, and the decision when none
/// decides (allow with ACLs off, as Consul; deny under a default-deny ACL policy).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IntentionRules
{
    /// <summary>Rules for <paramref name="destination"/> from every <c>service-intentions</c> entry.</summary>
    public IntentionRules(IEnumerable<ServiceIntentionsConfigEntry> entries, string destination, bool defaultAllow)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        Candidates = IntentionQueries.MatchByDestination(entries, destination);
        DefaultAllow = defaultAllow;
        HasPermissions = Candidates.Any(i => i.Permissions.Count > 0);
    }

    /// <summary>Intentions for the destination, highest precedence first.</summary>
    public IReadOnlyList<Intention> Candidates { get; }

    /// <summary>The decision when no intention decides.</summary>
    public bool DefaultAllow { get; }

    /// <summary>True when some intention has L7 permissions (the request then matters).</summary>
    public bool HasPermissions { get; }

    /// <summary>Decides a caller (null: an identity intentions cannot name, such as a gateway) for a connection or a request.</summary>
    public IntentionDecision Decide(IntentionCaller? caller, HttpRequestInfo? request = null) =>
        caller is null
            ? IntentionMatcher.Decide(Array.Empty<Intention>(), new IntentionCaller(""), DefaultAllow)
            : IntentionMatcher.Decide(Candidates, caller, DefaultAllow, request);
}
