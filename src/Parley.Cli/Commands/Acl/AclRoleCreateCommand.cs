using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// <c>parley acl role create -name N [-description D] [-policy-name N]... [-policy-id I]... [-service-identity svc[:dc,dc]]...
/// [-node-identity node:dc]... [-meta] [-format pretty|json]</c>.
/// </summary>
internal static class AclRoleCreateCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var flags = new AclRoleFlags();
        var command = connection.AddTo(new Command("create", "Create an ACL role"));
        flags.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!CliOptions.IsValidFormat(parseResult.GetValue(flags.Format), context))
            {
                return 1;
            }

            if (string.IsNullOrEmpty(parseResult.GetValue(flags.Name)))
            {
                context.Error.WriteLine("Missing require '-name' flag");
                return 1;
            }

            if (flags.Role(parseResult, context) is not { } role)
            {
                return 1;
            }

            if (role.Policies is [] && role.ServiceIdentities is [] && role.NodeIdentities is [])
            {
                context.Error.WriteLine(
                    "Cannot create a role without specifying -policy-name, -policy-id, -service-identity, or -node-identity at least once");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                flags.Print(parseResult, context, await client.ACL.RoleCreateAsync(role, cancellationToken: cancellationToken));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Failed to create new role: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
