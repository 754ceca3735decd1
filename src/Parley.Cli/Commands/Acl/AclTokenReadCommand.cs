using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl token read -id ACCESSOR | -self [-meta] [-format pretty|json]</c>.</summary>
internal static class AclTokenReadCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var id = CliOptions.Create<string?>("id", "The Accessor ID of the token to read");
        var self = CliOptions.Create<bool>(
            "self",
            "Indicates that the current HTTP token should be read by secret ID instead of expecting a -id option");
        var meta = CliOptions.Create<bool>(
            "meta",
            "Indicates that token metadata such as the content hash and Raft indices should be shown for each entry");
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("read", "Read an ACL token") { id, self, meta, format });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var accessor = parseResult.GetValue(id);
            var readSelf = parseResult.GetValue(self);
            if (string.IsNullOrEmpty(accessor) && !readSelf)
            {
                context.Error.WriteLine("Must specify the -id parameter");
                return 1;
            }

            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            ACLToken token;
            try
            {
                token = readSelf
                    ? (await client.ACL.TokenReadSelfAsync(cancellationToken: cancellationToken)).Value
                    : (await client.ACL.TokenReadAsync(accessor!, cancellationToken: cancellationToken)).Value;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine(
                    readSelf ? $"Error reading token: {exception.Message}" : $"Error reading token \"{accessor}\": {exception.Message}");
                return 1;
            }

            context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(token) : AclFormat.Token(token, parseResult.GetValue(meta)));
            return 0;
        });
        return command;
    }
}
