using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary><c>parley acl policy create -name N [-description D] [-rules @file.hcl|-|text] [-valid-datacenter dc]...</c>.</summary>
internal static class AclPolicyCreateCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var name = CliOptions.Create<string?>("name", "The new policy's name. This flag is required.");
        var flags = new AclPolicyFlags();
        var command = connection.AddTo(flags.AddTo(new Command("create", "Create an ACL policy") { name }));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var policyName = parseResult.GetValue(name);
            if (string.IsNullOrEmpty(policyName))
            {
                context.Error.WriteLine("Missing required '-name' flag");
                return 1;
            }

            if (!CliOptions.IsValidFormat(parseResult.GetValue(flags.Format), context))
            {
                return 1;
            }

            string rulesText;
            try
            {
                rulesText = AclRulesInput.Load(parseResult.GetValue(flags.Rules) ?? "", context);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"Error loading rules: {exception.Message}");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                var policy = await client.ACL.PolicyCreateAsync(
                    new ACLPolicy
                    {
                        Name = policyName,
                        Description = parseResult.GetValue(flags.Description) ?? "",
                        Rules = rulesText,
                        Datacenters = parseResult.GetValue(flags.Datacenters) is { Length: > 0 } dcs ? [.. dcs] : null,
                    },
                    cancellationToken: cancellationToken);
                flags.Print(context, parseResult, policy);
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Failed to create new policy: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
