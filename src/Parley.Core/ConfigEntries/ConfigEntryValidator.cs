using System.Text;
using Parley.Core.Go;

namespace Parley.Core.ConfigEntries;

/// <summary>
/// Consul's config-entry rules with Consul's error texts. <see cref="Check"/> looks at one entry on its own;
/// <see cref="Validate"/> adds the cross-entry rules (compiling every discovery chain the write would change, so
/// e.g. a splitter on a <c>tcp</c> service is refused) and throws when anything is wrong.
/// </summary>
/// <remarks>
/// Pass a normalized entry (<see cref="ConfigEntryNormalizer.Normalize"/>), as Consul validates after normalizing;
/// <see cref="NormalizeAndValidate"/> does both. Consul stops at the first problem; Parley reports every problem of
/// an entry, in Consul's order (non-default namespaces and partitions are refused after the structural rules).
/// </remarks>
public static partial class ConfigEntryValidator
{
    private const int MetaMaxKeyPairs = 64;
    private const int MetaKeyMaxLength = 128;
    private const int MetaValueMaxLength = 512;

    /// <summary>Normalizes, validates against <paramref name="lookup"/>, and returns the entry to store.</summary>
    public static ConfigEntry NormalizeAndValidate(ConfigEntry entry, IConfigEntryLookup lookup)
    {
        var normalized = ConfigEntryNormalizer.Normalize(entry);
        Validate(normalized, lookup);
        return normalized;
    }

    /// <summary>Throws <see cref="ConfigEntryValidationException"/> when the entry, or the chains it changes, are invalid.</summary>
    public static void Validate(ConfigEntry entry, IConfigEntryLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lookup);
        var errors = Check(entry);
        if (errors.Count == 0)
        {
            errors = CheckGraph(entry, lookup);
        }

        if (errors.Count > 0)
        {
            throw new ConfigEntryValidationException(errors);
        }
    }

    /// <summary>The rules about one entry alone; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var errors = new List<string>();
        switch (entry)
        {
            case ServiceResolverConfigEntry e:
                CheckResolver(e, errors);
                break;
            case ServiceSplitterConfigEntry e:
                CheckSplitter(e, errors);
                break;
            case ServiceRouterConfigEntry e:
                CheckRouter(e, errors);
                break;
            case ServiceDefaultsConfigEntry e:
                CheckServiceDefaults(e, errors);
                break;
            case ProxyDefaultsConfigEntry e:
                CheckProxyDefaults(e, errors);
                break;
            case MeshConfigEntry e:
                CheckMesh(e, errors);
                break;
            case ServiceIntentionsConfigEntry e:
                CheckIntentions(e, errors, legacyWrite: false);
                break;
            case ExportedServicesConfigEntry e:
                CheckExportedServices(e, errors);
                break;
            case SchemaConfigEntry e:
                e.Schema.Check(e, errors);
                break;
            default:
                errors.Add($"invalid config entry kind: {entry.Kind}");
                break;
        }

        return errors;
    }

    /// <summary>
    /// Checks a write made through the legacy intention API (<c>/v1/connect/intentions</c>): the same rules plus
    /// the legacy ones, e.g. <c>Sources[i].Peer cannot be set by legacy intentions</c>.
    /// </summary>
    public static IReadOnlyList<string> CheckLegacyIntentions(ServiceIntentionsConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var errors = new List<string>();
        CheckIntentions(entry, errors, legacyWrite: true);
        return errors;
    }

    private static void CheckMeta(IReadOnlyDictionary<string, string> meta, List<string> errors)
    {
        if (meta.Count > MetaMaxKeyPairs)
        {
            errors.Add($"Meta exceeds maximum element count {MetaMaxKeyPairs}");
        }

        foreach (var key in meta.Keys.Order(StringComparer.Ordinal))
        {
            if (Encoding.UTF8.GetByteCount(key) > MetaKeyMaxLength)
            {
                errors.Add($"Meta key {Q(key)} exceeds maximum length {MetaKeyMaxLength}");
            }

            if (Encoding.UTF8.GetByteCount(meta[key]) > MetaValueMaxLength)
            {
                errors.Add($"Meta value for key {Q(key)} exceeds maximum length {MetaValueMaxLength}");
            }
        }
    }

    /// <summary>Go's <c>%q</c>.</summary>
    private static string Q(string s) => GoQuote.Quote(s);

    private static bool IsValidHttpMethod(string method) =>
        method is "GET" or "HEAD" or "POST" or "PUT" or "PATCH" or "DELETE" or "CONNECT" or "OPTIONS" or "TRACE";
}
