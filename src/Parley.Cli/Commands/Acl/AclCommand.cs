using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl</c>: bootstrap ACLs and manage tokens, policies and roles, with Consul's flags and output.</summary>
internal static class AclCommand
{
    private const string PolicyMeta =
        "Indicates that policy metadata such as the content hash and raft indices should be shown for each entry";
    private const string RoleMeta = "Indicates that role metadata such as the content hash and raft indices should be shown for each entry";

    public static Command Create(CliContext context) => CommandGroup.Create(
        "acl",
        "Interact with Consul's ACLs",
        AclBootstrapCommand.Create(context),
        CommandGroup.Create(
            "token",
            "Manage Consul's ACL tokens",
            AclTokenCreateCommand.Create(context),
            AclTokenReadCommand.Create(context),
            AclCrudCommands.List(
                context,
                "List ACL tokens",
                "Indicates that token metadata such as the content hash and Raft indices should be shown for each entry",
                (client, ct) => client.ACL.TokenListAsync(cancellationToken: ct),
                AclFormat.TokenList,
                "Failed to retrieve the token list"),
            AclCrudCommands.Delete(context, "token", AclSelector.Token("The Accessor ID of the token to delete"),
                (client, id, ct) => client.ACL.TokenDeleteAsync(id, cancellationToken: ct))),
        CommandGroup.Create(
            "policy",
            "Manage Consul's ACL policies",
            AclPolicyCreateCommand.Create(context),
            AclCrudCommands.List(
                context, "List ACL policies", PolicyMeta, (client, ct) => client.ACL.PolicyListAsync(cancellationToken: ct),
                    AclFormat.PolicyList, "Failed to retrieve the policy list"),
            AclCrudCommands.Read(
                context, "policy", AclSelector.Policy(), PolicyMeta, (client, id, ct)
                    => client.ACL.PolicyReadAsync(id, cancellationToken: ct), AclFormat.Policy),
            AclPolicyUpdateCommand.Create(context),
            AclCrudCommands.Delete(
                context, "policy", AclSelector.Policy(), (client, id, ct) => client.ACL.PolicyDeleteAsync(id, cancellationToken: ct))),
        CommandGroup.Create(
            "role",
            "Manage Consul's ACL roles",
            AclRoleCreateCommand.Create(context),
            AclCrudCommands.List(
                context, "Lists ACL roles", RoleMeta, (client, ct) => client.ACL.RoleListAsync(cancellationToken: ct), AclFormat.RoleList,
                    "Failed to retrieve the role list"),
            AclCrudCommands.Read(
                context, "role", AclSelector.Role(), RoleMeta, (client, id, ct) => client.ACL.RoleReadAsync(id, cancellationToken: ct),
                    AclFormat.Role),
            AclRoleUpdateCommand.Create(context),
            AclCrudCommands.Delete(
                context, "role", AclSelector.Role("Must specify the -id or -name parameters"), (client, id, ct)
                    => client.ACL.RoleDeleteAsync(id, cancellationToken: ct))));
}
