using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl token delete -id ACCESSOR</c>.</summary>
internal static class AclTokenDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var id = CliOptions.Create<string?>("id", "The Accessor ID of the token to delete");
        var command = connection.AddTo(new Command("delete", "Delete an ACL token") { id });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var accessor = parseResult.GetValue(id);
            if (string.IsNullOrEmpty(accessor))
            {
                context.Error.WriteLine("Must specify the -id parameter");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                await client.ACL.TokenDeleteAsync(accessor, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error deleting token \"{accessor}\": {exception.Message}");
                return 1;
            }

            context.Out.WriteLine($"Token \"{accessor}\" deleted successfully");
            return 0;
        });
        return command;
    }
}
