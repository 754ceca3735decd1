using Parley.Core;
using Parley.Core.Acl;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.State.Machine;

public sealed partial class StateMachine
{
    private static readonly object NotAcl = new();

    private static object? DispatchAcl(StateTxn txn, Command command)
    {
        switch (command)
        {
            case SetAclPolicy c:
                txn.SetAclPolicy(c.Policy);
                return true;
            case DeleteAclPolicy c:
                return c.ID == AclIds.GlobalManagementPolicyId
                    ? throw ParleyException.Invalid("Deletion of the builtin global-management policy is not permitted")
                    : txn.DeleteAclPolicy(c.ID);
            case SetAclRole c:
                txn.SetAclRole(c.Role);
                return true;
            case DeleteAclRole c:
                return txn.DeleteAclRole(c.ID);
            case SetAclToken c:
                txn.SetAclToken(c.Token);
                return true;
            case DeleteAclToken c:
                return c.AccessorID == AclIds.AnonymousTokenId
                    ? throw ParleyException.Invalid("Delete operation not permitted on the anonymous token")
                    : txn.DeleteAclToken(c.AccessorID);
            case BootstrapAcl c:
                if (txn.Acl.BootstrapIndex > 0)
                {
                    throw new ParleyException(
                        ErrorCode.PermissionDenied,
                            $"Permission denied: ACL bootstrap no longer allowed (reset index: {txn.Acl.BootstrapIndex})");
                }

                EnsureBuiltIns(txn, c.ManagementPolicy, c.AnonymousToken);
                txn.SetAclToken(c.Token);
                txn.MarkAclBootstrapped();
                return true;
            case InitializeAcl c:
                EnsureBuiltIns(txn, c.ManagementPolicy, c.AnonymousToken);
                if (c.InitialManagement is { } initial && txn.Acl.AccessorsBySecret.ContainsKey(initial.SecretID) is false)
                {
                    txn.SetAclToken(initial);
                    if (txn.Acl.BootstrapIndex == 0)
                    {
                        txn.MarkAclBootstrapped();
                    }
                }

                return true;
            default:
                return NotAcl;
        }
    }

    private static void EnsureBuiltIns(StateTxn txn, AclPolicy management, AclToken anonymous)
    {
        if (!txn.Acl.Policies.ContainsKey(management.ID))
        {
            txn.SetAclPolicy(management);
        }

        if (!txn.Acl.Tokens.ContainsKey(anonymous.AccessorID))
        {
            txn.SetAclToken(anonymous);
        }
    }
}
