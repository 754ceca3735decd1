using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl policy list [-meta] [-format pretty|json]</c>.</summary>
internal static class AclPolicyListCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var meta = CliOptions.Create<bool>("meta", "Indicates that policy metadata such as the content hash and raft indices should be shown for each entry");
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("list", "List ACL policies") { meta, format });
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
                var (policies, _) = await client.ACL.PolicyListAsync(cancellationToken: cancellationToken);
                context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(policies) : AclFormat.PolicyList(policies, parseResult.GetValue(meta)));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Failed to retrieve the policy list: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
