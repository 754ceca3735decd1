using Parley.Core.ConfigEntries;

namespace Parley.Core.Intentions;

/// <summary>
/// The reads behind <c>/v1/connect/intentions</c>, <c>/exact</c>, <c>/match</c> and <c>/check</c>, over
/// <c>service-intentions</c> entries. Results are legacy <see cref="Intention"/>s sorted by precedence.
/// </summary>
public static class IntentionQueries
{
    /// <summary>Every intention of every entry, sorted by precedence (<c>GET /v1/connect/intentions</c>).</summary>
    public static IReadOnlyList<Intention> All(IEnumerable<ServiceIntentionsConfigEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Sorted(entries.SelectMany(IntentionConverter.ToIntentions));
    }

    /// <summary>
    /// The intention with exactly this source and destination, no wildcard expansion (<c>/exact</c>); null when
    /// there is none (the API answers 404).
    /// </summary>
    public static Intention? Exact(
        IEnumerable<ServiceIntentionsConfigEntry> entries,
        string sourceName,
        string destinationName,
        string sourceNamespace = "default",
        string sourcePeer = "")
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries
            .Where(e => e.Name == destinationName)
            .SelectMany(IntentionConverter.ToIntentions)
            .FirstOrDefault(i => i.SourceName == sourceName && i.SourceNamespace == sourceNamespace && i.SourcePeer == sourcePeer);
    }

    /// <summary>
    /// Intentions whose destination is <paramref name="name"/> or <c>*</c>, highest precedence first
    /// (<c>/match?by=destination</c>).
    /// </summary>
    public static IReadOnlyList<Intention> MatchByDestination(
        IEnumerable<ServiceIntentionsConfigEntry> entries, string name, string ns = "default")
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Sorted(entries
            .Where(e => e.Name == name || e.Name == "*")
            .SelectMany(IntentionConverter.ToIntentions)
            .Where(i => i.DestinationNamespace == ns || i.DestinationNamespace == "*"));
    }

    /// <summary>
    /// Intentions whose source is <paramref name="name"/> or <c>*</c> in the given peer (empty for local sources),
    /// highest precedence first (<c>/match?by=source</c>).
    /// </summary>
    public static IReadOnlyList<Intention> MatchBySource(
        IEnumerable<ServiceIntentionsConfigEntry> entries, string name, string ns = "default", string peer = "")
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Sorted(entries
            .SelectMany(IntentionConverter.ToIntentions)
            .Where(i => (i.SourceName == name || i.SourceName == "*") &&
                        (i.SourceNamespace == ns || i.SourceNamespace == "*") &&
                        i.SourcePeer == peer));
    }

    /// <summary>
    /// <c>/check</c>: would a connection from <paramref name="caller"/> to <paramref name="destination"/> be allowed?
    /// A matching L7 intention answers false, as Consul does, since no request is known.
    /// </summary>
    public static bool Check(
        IEnumerable<ServiceIntentionsConfigEntry> entries, IntentionCaller caller, string destination, bool defaultAllow = true) =>
        IntentionMatcher.Decide(entries, caller, destination, defaultAllow).Allowed;

    private static List<Intention> Sorted(IEnumerable<Intention> intentions)
    {
        var list = intentions.ToList();
        list.Sort(IntentionPrecedenceComparer.Instance);
        return list;
    }
}
