using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// <c>parley acl role update -id ID [-name N] [-description D] [-policy-name N]... [-policy-id I]... [-service-identity ...]...
/// [-node-identity ...]... [-no-merge]</c>: by default what is given is added to the role as it is (Consul's merge);
/// <c>-no-merge</c> replaces every field.
/// </summary>
internal static class AclRoleUpdateCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var flags = new AclRoleFlags();
        var id = CliOptions.Create<string?>("id", "The ID of the role to update");
        var noMerge = CliOptions.Create<bool>(
            "no-merge",
            "Do not merge the current role information with what is provided to the command. Instead overwrite all fields with the " +
                "exception of the role ID which is immutable.");
        var command = connection.AddTo(new Command("update", "Update an ACL role") { id, noMerge });
        flags.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!CliOptions.IsValidFormat(parseResult.GetValue(flags.Format), context))
            {
                return 1;
            }

            if (parseResult.GetValue(id) is not { Length: > 0 } roleId)
            {
                context.Error.WriteLine("Cannot update a role without specifying the -id parameter");
                return 1;
            }

            if (flags.Role(parseResult, context) is not { } given)
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            ACLRole current;
            try
            {
                current = (await client.ACL.RoleReadAsync(roleId, cancellationToken: cancellationToken)).Value;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error when retrieving current role: {exception.Message}");
                return 1;
            }

            var role = parseResult.GetValue(noMerge) ? given with { ID = roleId } : Merge(current, given);
            try
            {
                flags.Print(parseResult, context, await client.ACL.RoleUpdateAsync(role, cancellationToken: cancellationToken));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error updating role \"{roleId}\": {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Consul's merge: a given name or description replaces the current one; policies are added unless already linked
    /// (by the same name or ID); a service identity replaces the one of the same service; node identities are added.
    /// </summary>
    private static ACLRole Merge(ACLRole current, ACLRole given)
    {
        var policies = new List<ACLLink>(current.Policies ?? []);
        foreach (var link in given.Policies ?? [])
        {
            if (!policies.Any(p => (link.ID is not null && p.ID == link.ID) || (link.Name is not null && p.Name == link.Name)))
            {
                policies.Add(link);
            }
        }

        var services = new List<ACLServiceIdentity>(current.ServiceIdentities ?? []);
        foreach (var service in given.ServiceIdentities ?? [])
        {
            services.RemoveAll(s => s.ServiceName == service.ServiceName);
            services.Add(service);
        }

        var nodes = new List<ACLNodeIdentity>(current.NodeIdentities ?? []);
        nodes.AddRange((given.NodeIdentities ?? []).Where(n => !nodes.Contains(n)));
        return current with
        {
            Name = given.Name.Length > 0 ? given.Name : current.Name,
            Description = given.Description.Length > 0 ? given.Description : current.Description,
            Policies = policies,
            ServiceIdentities = services,
            NodeIdentities = nodes,
        };
    }
}
