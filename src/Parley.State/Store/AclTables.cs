using System.Collections.Immutable;
using Parley.Core.Acl;

namespace Parley.State.Store;

/// <summary>
/// The ACL tables of a snapshot: tokens by AccessorID (with a SecretID index), policies and roles by ID, and the index
/// at which ACLs were bootstrapped (0: not yet).
/// </summary>
internal sealed record AclTables(
    ImmutableSortedDictionary<string, AclToken> Tokens,
    ImmutableDictionary<string, string> AccessorsBySecret,
    ImmutableSortedDictionary<string, AclPolicy> Policies,
    ImmutableSortedDictionary<string, AclRole> Roles,
    long BootstrapIndex)
{
    public static readonly AclTables Empty = new(
        ImmutableSortedDictionary.Create<string, AclToken>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, AclPolicy>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, AclRole>(StringComparer.Ordinal),
        0);

    /// <summary>Builds the tables from rows (a restored snapshot), rebuilding the secret index.</summary>
    public static AclTables From(
        IEnumerable<AclToken> tokens,
        IEnumerable<AclPolicy> policies,
        IEnumerable<AclRole> roles,
        long bootstrapIndex)
    {
        var tokenRows = tokens.ToImmutableSortedDictionary(t => t.AccessorID, t => t, StringComparer.Ordinal);
        return new AclTables(
            tokenRows,
            tokenRows.Values.ToImmutableDictionary(t => t.SecretID, t => t.AccessorID, StringComparer.Ordinal),
            policies.ToImmutableSortedDictionary(p => p.ID, p => p, StringComparer.Ordinal),
            roles.ToImmutableSortedDictionary(r => r.ID, r => r, StringComparer.Ordinal),
            bootstrapIndex);
    }
}
