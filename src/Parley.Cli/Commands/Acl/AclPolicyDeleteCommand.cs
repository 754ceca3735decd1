using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl policy delete -id ID | -name N</c>.</summary>
internal static class AclPolicyDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var selector = new AclPolicySelector();
        var command = connection.AddTo(new Command("delete", "Delete an ACL policy"));
        selector.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null || await selector.ResolveIdAsync(parseResult, client, context, cancellationToken) is not { } id)
            {
                return 1;
            }

            try
            {
                await client.ACL.PolicyDeleteAsync(id, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error deleting policy \"{id}\": {exception.Message}");
                return 1;
            }

            context.Out.WriteLine($"Policy \"{id}\" deleted successfully");
            return 0;
        });
        return command;
    }
}
