using Parley.Core.ConfigEntries;
using Parley.Core.Go;

namespace Parley.Core.Intentions;

/// <summary>
/// The intention API's writes as Consul 1.9+ makes them: each one turns the destination's <c>service-intentions</c>
/// entry into the next version of that entry (or <c>null</c> to delete it). Pure: the caller reads the entry, calls
/// one of these, and writes the result with a check-and-set on the entry's ModifyIndex.
/// </summary>
/// <remarks>
/// The ID-based writes (<see cref="LegacyCreate"/>, <see cref="LegacyUpdate"/>, <see cref="LegacyDelete"/>) keep
/// every source's <c>LegacyID</c> and refuse an entry whose sources have none (one written as a config entry), as
/// Consul's <c>checkLegacyIntentionApplyAllowed</c> does; the exact writes (<see cref="Upsert"/>,
/// <see cref="DeleteExact"/>) are config-entry writes and clear the legacy fields, as Consul's <c>Normalize</c> does.
/// Errors carry Consul's texts.
/// </remarks>
public static class IntentionWrites
{
    /// <summary>The entry and source that carry the legacy ID <paramref name="id"/>, if any.</summary>
    public static (ServiceIntentionsConfigEntry Entry, SourceIntention Source)? FindById(IEnumerable<ServiceIntentionsConfigEntry> entries,
        string id)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (id.Length == 0)
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (entry.Sources.FirstOrDefault(s => s.LegacyId == id) is { } source)
            {
                return (entry, source);
            }
        }

        return null;
    }

    /// <summary><c>POST /v1/connect/intentions</c>: appends the intention as a new source with ID <paramref name="id"/>.</summary>
    public static ServiceIntentionsConfigEntry LegacyCreate(
        ServiceIntentionsConfigEntry? existing,
        Intention intention,
        string id,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(intention);
        if (intention.Id.Length > 0)
        {
            throw ParleyException.Rejected("ID must be empty when creating a new intention");
        }

        ValidateLegacy(intention);
        CheckLegacyApplyAllowed(existing);
        var source = ToSource(intention, legacy: true) with { LegacyId = id, LegacyCreateTime = now, LegacyUpdateTime = now };
        var entry = existing is null
            ? new ServiceIntentionsConfigEntry { Name = intention.DestinationName, Sources = [source] }
            : existing with { Sources = [.. existing.Sources, source] };
        return NormalizeLegacy(entry);
    }

    /// <summary><c>PUT /v1/connect/intentions/:id</c>: replaces the source with that ID, keeping its creation time.</summary>
    public static ServiceIntentionsConfigEntry LegacyUpdate(
        ServiceIntentionsConfigEntry existing,
        string id,
        Intention intention,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(intention);
        var previous = existing.Sources.FirstOrDefault(s => s.LegacyId == id)
            ?? throw ParleyException.Rejected($"Cannot modify non-existent intention: '{id}'");
        if (intention.DestinationName != existing.Name || intention.DestinationNamespace != "default")
        {
            throw ParleyException.Rejected("Cannot modify Destination partition/namespace/name for an intention once it exists.");
        }

        ValidateLegacy(intention);
        CheckLegacyApplyAllowed(existing);
        var source = ToSource(intention, legacy: true) with
        {
            LegacyId = id,
            LegacyCreateTime = previous.LegacyCreateTime ?? now,
            LegacyUpdateTime = now,
        };
        return NormalizeLegacy(existing with { Sources = [.. existing.Sources.Select(s => s.LegacyId == id ? source : s)] });
    }

    /// <summary><c>DELETE /v1/connect/intentions/:id</c>: removes the source with that ID; <c>null</c> when none is left.</summary>
    public static ServiceIntentionsConfigEntry? LegacyDelete(ServiceIntentionsConfigEntry existing, string id)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (existing.Sources.All(s => s.LegacyId != id))
        {
            throw ParleyException.Rejected($"Cannot delete non-existent intention: '{id}'");
        }

        CheckLegacyApplyAllowed(existing);
        var remaining = existing.Sources.Where(s => s.LegacyId != id).ToList();
        return remaining.Count == 0 ? null : NormalizeLegacy(existing with { Sources = remaining });
    }

    /// <summary>
    /// <c>PUT /v1/connect/intentions/exact</c>: adds the source, or replaces the one with the same name, namespace and
    /// peer. <c>Meta</c> may only repeat the entry's own meta (Consul keeps intention meta on the entry).
    /// </summary>
    public static ServiceIntentionsConfigEntry Upsert(ServiceIntentionsConfigEntry? existing, Intention intention)
    {
        ArgumentNullException.ThrowIfNull(intention);
        if (intention.Meta.Count > 0)
        {
            if (existing is null)
            {
                throw ParleyException.Rejected("Meta must not be specified");
            }

            if (!SameMap(existing.Meta, intention.Meta))
            {
                throw ParleyException.Rejected("Meta must not be specified, or should be unchanged during an update.");
            }
        }

        var source = ToSource(intention, legacy: false);
        ServiceIntentionsConfigEntry entry;
        if (existing is null)
        {
            entry = new ServiceIntentionsConfigEntry { Name = intention.DestinationName, Sources = [source] };
        }
        else
        {
            var replaced = false;
            var sources = existing.Sources.Select(s =>
            {
                if (replaced || !SameSource(s, source.Name, source.Namespace, source.Peer))
                {
                    return s;
                }

                replaced = true;
                return source;
            }).ToList();
            entry = existing with { Sources = replaced ? sources : [.. sources, source] };
        }

        return NormalizeAndCheck(entry);
    }

    /// <summary>
    /// <c>DELETE /v1/connect/intentions/exact</c>: removes the named source. Returns <paramref name="existing"/> itself
    /// when there is nothing to remove (deleting by name is idempotent), <c>null</c> when no source is left.
    /// </summary>
    public static ServiceIntentionsConfigEntry? DeleteExact(
        ServiceIntentionsConfigEntry? existing,
        string sourceName,
        string sourceNamespace,
        string sourcePeer)
    {
        if (existing is null || !existing.Sources.Any(s => SameSource(s, sourceName, sourceNamespace, sourcePeer)))
        {
            return existing;
        }

        var remaining = existing.Sources.Where(s => !SameSource(s, sourceName, sourceNamespace, sourcePeer)).ToList();
        return remaining.Count == 0 ? null : NormalizeAndCheck(existing with { Sources = remaining });
    }

    /// <summary>
    /// Whether a source is the one named: same name, namespace (empty = default) and peer, no partition or sameness group.
    /// </summary>
    public static bool SameSource(SourceIntention source, string name, string ns, string peer)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Name == name && Ns(source.Namespace) == Ns(ns) && source.Peer == peer &&
               source.Partition.Length == 0 && source.SamenessGroup.Length == 0;
    }

    private static SourceIntention ToSource(Intention intention, bool legacy) => new()
    {
        Name = intention.SourceName,
        Namespace = intention.SourceNamespace == "default" ? "" : intention.SourceNamespace,
        Peer = intention.SourcePeer,
        Action = intention.Action,
        Permissions = intention.Permissions,
        Description = intention.Description,
        Type = intention.SourceType,
        LegacyMeta = legacy ? intention.Meta : EmptyCollections.StringMap,
    };

    // Consul's structs.Intention.Validate, which the legacy writes run before the entry's own rules.
    private static void ValidateLegacy(Intention intention)
    {
        if (intention.SourcePeer.Length > 0)
        {
            throw ParleyException.Rejected("SourcePeer field is not supported on this endpoint. Use config entries instead");
        }

        var errors = new List<string>();
        if (intention.SourceName.Length == 0)
        {
            errors.Add("SourceName must be set");
        }

        if (intention.DestinationName.Length == 0)
        {
            errors.Add("DestinationName must be set");
        }

        if (intention.SourceNamespace is not ("default" or "*"))
        {
            errors.Add("Invalid SourceNS: Namespaces is a Consul Enterprise feature");
        }

        if (intention.DestinationNamespace is not ("default" or "*"))
        {
            errors.Add("Invalid DestinationNS: Namespaces is a Consul Enterprise feature");
        }

        if (errors.Count > 0)
        {
            throw new ConfigEntryValidationException(errors);
        }
    }

    private static void CheckLegacyApplyAllowed(ServiceIntentionsConfigEntry? existing)
    {
        if (existing is not null
            && existing.Sources.Any(s => s.LegacyId.Length == 0 || s.LegacyCreateTime is null || s.LegacyUpdateTime is null))
        {
            throw ParleyException.Rejected(
                $"cannot use legacy intention API to edit intentions with a destination of {GoQuote.Quote(existing.Name)} after editing " +
                    $"them via a service-intentions config entry");
        }
    }

    private static ServiceIntentionsConfigEntry NormalizeLegacy(ServiceIntentionsConfigEntry entry)
    {
        var normalized = ConfigEntryNormalizer.NormalizeLegacyIntentions(entry);
        var errors = ConfigEntryValidator.CheckLegacyIntentions(normalized);
        return errors.Count == 0 ? normalized : throw new ConfigEntryValidationException(errors);
    }

    private static ServiceIntentionsConfigEntry NormalizeAndCheck(ServiceIntentionsConfigEntry entry)
    {
        var normalized = (ServiceIntentionsConfigEntry)ConfigEntryNormalizer.Normalize(entry);
        var errors = ConfigEntryValidator.Check(normalized);
        return errors.Count == 0 ? normalized : throw new ConfigEntryValidationException(errors);
    }

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static string Ns(string ns) => ns.Length == 0 ? "default" : ns;
}
