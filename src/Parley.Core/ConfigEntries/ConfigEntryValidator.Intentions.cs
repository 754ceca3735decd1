using System.Text;

namespace Parley.Core.ConfigEntries;

/// <content>service-intentions rules.</content>
public static partial class ConfigEntryValidator
{
    private static void CheckIntentions(ServiceIntentionsConfigEntry e, List<string> errors, bool legacyWrite)
    {
        if (e.Name.Length == 0)
        {
            errors.Add("Name is required");
        }
        else if (WildcardProblem(e.Name, "", "", "") is { } destinationProblem)
        {
            errors.Add(destinationProblem);
        }

        var destinationIsWild = e.Name == "*";

        if (legacyWrite)
        {
            if (e.Meta.Count > 0)
            {
                errors.Add("Meta must be omitted for legacy intention writes");
            }
        }
        else
        {
            CheckMeta(e.Meta, errors);
        }

        if (e.Sources.Count == 0)
        {
            errors.Add("At least one source is required");
            return;
        }

        var seen = new HashSet<(string Name, string Namespace, string Partition, string Peer, string SamenessGroup)>();
        for (var i = 0; i < e.Sources.Count; i++)
        {
            var src = e.Sources[i];
            if (src.Name.Length == 0)
            {
                errors.Add($"Sources[{i}].Name is required");
                continue;
            }

            var problem = CheckSource(i, src, legacyWrite, destinationIsWild);
            if (problem is not null)
            {
                errors.Add(problem);
                continue;
            }

            var key = (src.Name, src.Namespace.Length == 0 ? "default" : src.Namespace, src.Partition, src.Peer, src.SamenessGroup);
            if (!seen.Add(key))
            {
                errors.Add(src switch
                {
                    { Peer.Length: > 0 } => $"Sources[{i}] defines peer({Q(src.Peer)}) {Q(src.Name)} more than once",
                    { SamenessGroup.Length: > 0 }
                        => $"Sources[{i}] defines sameness-group({Q(src.SamenessGroup)}) {Q(src.Name)} more than once",
                    _ => $"Sources[{i}] defines {Q(src.Name)} more than once",
                });
            }
        }
    }

    // One source's problems in Consul's order; Consul stops at the first, so does this.
    private static string? CheckSource(int i, SourceIntention src, bool legacyWrite, bool destinationIsWild)
    {
        if (src.SamenessGroup.Length > 0 && src.Peer.Length == 0 && src.Partition.Length == 0)
        {
            // Sic: Consul's text carries a trailing space.
            return $"Sources[{i}].SamenessGroup: Sameness groups are a Consul Enterprise feature. ";
        }

        if (WildcardProblem(src.Name, src.Namespace, src.Peer, src.SamenessGroup) is { } wildcard)
        {
            return $"Sources[{i}].{wildcard}";
        }

        if (src.Peer.Length > 0 && src.Partition.Length > 0)
        {
            return $"Sources[{i}].Peer: cannot set Peer and Partition at the same time.";
        }

        if (src.SamenessGroup.Length > 0 && src.Partition.Length > 0)
        {
            return $"Sources[{i}].SamenessGroup: cannot set SamenessGroup and Partition at the same time";
        }

        if (src.SamenessGroup.Length > 0 && src.Peer.Length > 0)
        {
            return $"Sources[{i}].SamenessGroup: cannot set SamenessGroup and Peer at the same time";
        }

        if (Encoding.UTF8.GetByteCount(src.Description) > MetaValueMaxLength)
        {
            return $"Sources[{i}].Description exceeds maximum length {MetaValueMaxLength}";
        }

        if (legacyWrite)
        {
            if (src.Peer.Length > 0)
            {
                return $"Sources[{i}].Peer cannot be set by legacy intentions";
            }

            if (src.SamenessGroup.Length > 0)
            {
                return $"Sources[{i}].SamenessGroup cannot be set by legacy intentions";
            }

            if (src.LegacyCreateTime is null)
            {
                return $"Sources[{i}].LegacyCreateTime must be set";
            }

            if (src.LegacyUpdateTime is null)
            {
                return $"Sources[{i}].LegacyUpdateTime must be set";
            }

            if (src.LegacyId.Length == 0)
            {
                return $"Sources[{i}].LegacyID must be set";
            }
        }
        else
        {
            if (src.LegacyMeta.Count > 0)
            {
                return $"Sources[{i}].LegacyMeta must be omitted";
            }

            if (src.LegacyCreateTime is not null)
            {
                return $"Sources[{i}].LegacyCreateTime must be omitted";
            }

            if (src.LegacyUpdateTime is not null)
            {
                return $"Sources[{i}].LegacyUpdateTime must be omitted";
            }

            if (src.LegacyId.Length > 0)
            {
                return $"Sources[{i}].LegacyID must be omitted";
            }
        }

        if ((legacyWrite || src.Permissions.Count == 0) && src.Action is not ("allow" or "deny"))
        {
            return $"Sources[{i}].Action must be set to 'allow' or 'deny'";
        }

        if (src.Permissions.Count > 0 && src.Action.Length > 0)
        {
            return $"Sources[{i}].Action must be omitted if Permissions are specified";
        }

        if (destinationIsWild && src.Permissions.Count > 0)
        {
            return $"Sources[{i}].Permissions cannot be specified on intentions with wildcarded destinations";
        }

        if (src.Type != "consul")
        {
            return $"Sources[{i}].Type must be set to 'consul'";
        }

        for (var j = 0; j < src.Permissions.Count; j++)
        {
            if (CheckPermission(i, j, src.Permissions[j]) is { } permissionProblem)
            {
                return permissionProblem;
            }
        }

        // Parley has only the default partition and namespace, as Consul CE ("default" normalizes to empty).
        if (src.Partition.Length > 0)
        {
            return $"Sources[{i}].Partition: Setting Partition requires Consul Enterprise";
        }

        if (src.Namespace.Length > 0 && src.Namespace != "*")
        {
            return $"Sources[{i}].Namespace: Setting Namespace requires Consul Enterprise";
        }

        return null;
    }

    private static string? CheckPermission(int i, int j, IntentionPermission perm)
    {
        var prefix = $"Sources[{i}].Permissions[{j}]";
        if (perm.Action is not ("allow" or "deny"))
        {
            return $"{prefix}.Action must be set to 'allow' or 'deny'";
        }

        prefix += ".HTTP";
        if (perm.Http is not { } http)
        {
            return prefix + " is required";
        }

        var pathParts = 0;
        if (http.PathExact.Length > 0)
        {
            pathParts++;
            if (!http.PathExact.StartsWith('/'))
            {
                return $"{prefix}.PathExact doesn't start with '/': {Q(http.PathExact)}";
            }
        }

        if (http.PathPrefix.Length > 0)
        {
            pathParts++;
            if (!http.PathPrefix.StartsWith('/'))
            {
                return $"{prefix}.PathPrefix doesn't start with '/': {Q(http.PathPrefix)}";
            }
        }

        if (http.PathRegex.Length > 0)
        {
            pathParts++;
        }

        if (pathParts > 1)
        {
            return prefix + " should only contain at most one of PathExact, PathPrefix, or PathRegex";
        }

        var permParts = pathParts;
        for (var k = 0; k < http.Header.Count; k++)
        {
            var hdr = http.Header[k];
            if (hdr.Name.Length == 0)
            {
                return $"{prefix}.Header[{k}] missing required Name field";
            }

            var parts = (hdr.Present ? 1 : 0) + (hdr.Exact.Length > 0 ? 1 : 0) + (hdr.Regex.Length > 0 ? 1 : 0) +
                        (hdr.Prefix.Length > 0 ? 1 : 0) + (hdr.Suffix.Length > 0 ? 1 : 0);
            if (parts != 1)
            {
                return $"{prefix}.Header[{k}] should only contain one of Present, Exact, Prefix, Suffix, or Regex";
            }

            permParts++;
        }

        if (http.Methods.Count > 0)
        {
            var methodErrors = new List<string>();
            CheckMethods(
                http.Methods,
                methodErrors,
                m => $"{prefix}.Methods contains an invalid method {Q(m)}",
                m => $"{prefix}.Methods contains {Q(m)} more than once");
            if (methodErrors.Count > 0)
            {
                return methodErrors[0];
            }

            permParts++;
        }

        return permParts == 0 ? prefix + " should not be empty" : null;
    }

    /// <summary>Consul's <c>validateIntentionWildcards</c>.</summary>
    private static string? WildcardProblem(string name, string ns, string peer, string samenessGroup)
    {
        var effectiveNs = ns.Length == 0 ? "default" : ns;
        if (effectiveNs != "*" && effectiveNs.Contains('*', StringComparison.Ordinal))
        {
            return "Namespace: wildcard character '*' cannot be used with partial values";
        }

        if (name != "*")
        {
            if (name.Contains('*', StringComparison.Ordinal))
            {
                return "Name: wildcard character '*' cannot be used with partial values";
            }

            if (effectiveNs == "*")
            {
                return "Name: exact value cannot follow wildcard namespace";
            }
        }

        if (peer.Contains('*', StringComparison.Ordinal))
        {
            return "Peer: cannot use wildcard '*' in peer";
        }

        if (samenessGroup.Contains('*', StringComparison.Ordinal))
        {
            return "SamenessGroup: cannot use wildcard '*' in sameness group";
        }

        return null;
    }
}
