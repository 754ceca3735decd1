using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl policy read -id ID | -name N [-meta] [-format pretty|json]</c>.</summary>
internal static class AclPolicyReadCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var selector = new AclPolicySelector();
        var meta = CliOptions.Create<bool>("meta", "Indicates that policy metadata such as the content hash and raft indices should be shown for each entry");
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("read", "Read an ACL policy") { meta, format });
        selector.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null || await selector.ResolveIdAsync(parseResult, client, context, cancellationToken) is not { } id)
            {
                return 1;
            }

            try
            {
                var (policy, _) = await client.ACL.PolicyReadAsync(id, cancellationToken: cancellationToken);
                context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(policy) : AclFormat.Policy(policy, parseResult.GetValue(meta)));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading policy \"{id}\": {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
