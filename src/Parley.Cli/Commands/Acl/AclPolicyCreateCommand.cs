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
        var description = CliOptions.Create<string?>("description", "A description of the policy");
        var rules = CliOptions.Create<string?>("rules", "The policy rules. May be prefixed with '@' to indicate that the value is a file path to load the rules from. '-' may also be given to indicate that the rules are available on stdin");
        var datacenters = CliOptions.Repeatable(
            "valid-datacenter",
            "Datacenter that the policy should be valid within. May be specified multiple times");
        var meta = CliOptions.Create<bool>(
            "meta",
            "Indicates that policy metadata such as the content hash and raft indices should be shown for each entry");
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("create", "Create an ACL policy") { name, description, rules, datacenters, meta, format });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var policyName = parseResult.GetValue(name);
            if (string.IsNullOrEmpty(policyName))
            {
                context.Error.WriteLine("Missing required '-name' flag");
                return 1;
            }

            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            string rulesText;
            try
            {
                rulesText = AclRulesInput.Load(parseResult.GetValue(rules) ?? "", context);
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
                        Description = parseResult.GetValue(description) ?? "",
                        Rules = rulesText,
                        Datacenters = parseResult.GetValue(datacenters) is { Length: > 0 } dcs ? [.. dcs] : null,
                    },
                    cancellationToken: cancellationToken);
                context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(policy) : AclFormat.Policy(policy, parseResult.GetValue(meta)));
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
