using Parley.Core;
using Parley.Core.Acl;

namespace Parley.State.Store;

internal sealed partial class StateTxn
{
    private AclTables _acl;

    public AclTables Acl => _acl;

    /// <summary>Creates or replaces a policy by ID; a name another policy holds is refused.</summary>
    public void SetAclPolicy(AclPolicy policy)
    {
        if (_acl.Policies.Values.FirstOrDefault(p => p.Name == policy.Name && p.ID != policy.ID) is { } other)
        {
            throw ParleyException.Invalid($"Invalid Policy: A Policy with Name \"{other.Name}\" already exists");
        }

        var existing = _acl.Policies.GetValueOrDefault(policy.ID);
        _acl = _acl with
        {
            Policies = _acl.Policies.SetItem(policy.ID, policy with { CreateIndex = existing?.CreateIndex ?? _index, ModifyIndex = _index })
        };
        Touch(Tables.AclPolicies);
    }

    public bool DeleteAclPolicy(string id)
    {
        if (!_acl.Policies.ContainsKey(id))
        {
            return false;
        }

        _acl = _acl with { Policies = _acl.Policies.Remove(id) };
        Touch(Tables.AclPolicies);
        return true;
    }

    /// <summary>Creates or replaces a role by ID; a name another role holds is refused.</summary>
    public void SetAclRole(AclRole role)
    {
        if (_acl.Roles.Values.FirstOrDefault(r => r.Name == role.Name && r.ID != role.ID) is { } other)
        {
            throw ParleyException.Invalid($"Invalid Role: A Role with Name \"{other.Name}\" already exists");
        }

        var existing = _acl.Roles.GetValueOrDefault(role.ID);
        _acl = _acl with
        {
            Roles = _acl.Roles.SetItem(role.ID, role with { CreateIndex = existing?.CreateIndex ?? _index, ModifyIndex = _index })
        };
        Touch(Tables.AclRoles);
    }

    public bool DeleteAclRole(string id)
    {
        if (!_acl.Roles.ContainsKey(id))
        {
            return false;
        }

        _acl = _acl with { Roles = _acl.Roles.Remove(id) };
        Touch(Tables.AclRoles);
        return true;
    }

    /// <summary>Creates or replaces a token by AccessorID; a SecretID another token holds is refused, and a secret never changes.</summary>
    public void SetAclToken(AclToken token)
    {
        if (_acl.AccessorsBySecret.TryGetValue(token.SecretID, out var holder) && holder != token.AccessorID)
        {
            throw ParleyException.Invalid("Invalid Token: SecretID is already in use");
        }

        var existing = _acl.Tokens.GetValueOrDefault(token.AccessorID);
        if (existing is not null && existing.SecretID != token.SecretID)
        {
            throw ParleyException.Invalid("Cannot change a token's SecretID");
        }

        _acl = _acl with
        {
            Tokens = _acl.Tokens.SetItem(
                token.AccessorID,
                token with { CreateIndex = existing?.CreateIndex ?? _index, ModifyIndex = _index }),
            AccessorsBySecret = _acl.AccessorsBySecret.SetItem(token.SecretID, token.AccessorID),
        };
        Touch(Tables.AclTokens);
    }

    public bool DeleteAclToken(string accessorId)
    {
        if (_acl.Tokens.GetValueOrDefault(accessorId) is not { } token)
        {
            return false;
        }

        _acl = _acl with { Tokens = _acl.Tokens.Remove(accessorId), AccessorsBySecret = _acl.AccessorsBySecret.Remove(token.SecretID) };
        Touch(Tables.AclTokens);
        return true;
    }

    /// <summary>Records that ACLs were bootstrapped at this index.</summary>
    public void MarkAclBootstrapped() => _acl = _acl with { BootstrapIndex = _index };
}
