using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl</c>: bootstrap ACLs and manage tokens and policies, with Consul's flags and output.</summary>
internal static class AclCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "acl",
        "Interact with Consul's ACLs",
        AclBootstrapCommand.Create(context),
        CommandGroup.Create(
            "token",
            "Manage Consul's ACL tokens",
            AclTokenCreateCommand.Create(context),
            AclTokenReadCommand.Create(context),
            AclTokenListCommand.Create(context),
            AclTokenDeleteCommand.Create(context)),
        CommandGroup.Create(
            "policy",
            "Manage Consul's ACL policies",
            AclPolicyCreateCommand.Create(context),
            AclPolicyListCommand.Create(context),
            AclPolicyReadCommand.Create(context),
            AclPolicyUpdateCommand.Create(context),
            AclPolicyDeleteCommand.Create(context)));
}
