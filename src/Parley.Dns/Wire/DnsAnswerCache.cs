using System.Collections.Concurrent;
using Parley.Core.Acl;
using Parley.State.Store;

namespace Parley.Dns.Wire;

/// <summary>
/// The UDP fast path's templates by request key (<see cref="DnsRequest"/>). Only names that answered with addresses are
/// kept, so the size follows the catalog, not what clients ask; it is still capped, and emptied when full, so that many
/// spellings of the flags cannot grow it without bound. A template from an older snapshot or token is ignored and
/// replaced by the next computed answer.
/// </summary>
internal sealed class DnsAnswerCache
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, DnsAnswerTemplate> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DnsAnswerTemplate>.AlternateLookup<ReadOnlySpan<char>> _byKey;

    /// <summary>An empty cache.</summary>
    public DnsAnswerCache() => _byKey = _templates.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The template for <paramref name="key"/> if it answers for this snapshot and token.</summary>
    public DnsAnswerTemplate? Find(ReadOnlySpan<char> key, StateSnapshot snapshot, AclAuthorizer? acl) =>
        _byKey.TryGetValue(key, out var template) && template.IsFor(snapshot, acl) ? template : null;

    /// <summary>Keeps <paramref name="template"/> for <paramref name="key"/>.</summary>
    public void Store(ReadOnlySpan<char> key, DnsAnswerTemplate template)
    {
        if (_templates.Count >= MaxEntries)
        {
            _templates.Clear();
        }

        _byKey[key] = template;
    }
}
