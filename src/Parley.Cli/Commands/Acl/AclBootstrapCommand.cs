using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl bootstrap</c>: creates the first management token and prints it.</summary>
internal static class AclBootstrapCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("bootstrap", "Bootstrap Consul's ACL system") { format });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
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

            try
            {
                var token = await client.ACL.BootstrapAsync(cancellationToken: cancellationToken);
                context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(token) : AclFormat.Token(token, showMeta: false));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Failed ACL bootstrapping: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
