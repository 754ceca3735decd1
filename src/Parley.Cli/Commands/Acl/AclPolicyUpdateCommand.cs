using System.CommandLine;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// <c>parley acl policy update -id ID | -name N [-new-name N] [-description D] [-rules @file] [-valid-datacenter dc]...</c>:
/// what is not given keeps its current value, as Consul's update merges.
/// </summary>
internal static class AclPolicyUpdateCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var selector = AclSelector.Policy();
        var newName = CliOptions.Create<string?>("new-name", "The new name for the policy");
        var description = CliOptions.Create<string?>("description", "A description of the policy");
        var rules = CliOptions.Create<string?>("rules", "The policy rules. May be prefixed with '@' to indicate that the value is a file path to load the rules from. '-' may also be given to indicate that the rules are available on stdin");
        var datacenters = CliOptions.Repeatable(
            "valid-datacenter",
            "Datacenter that the policy should be valid within. May be specified multiple times");
        var meta = CliOptions.Create<bool>(
            "meta",
            "Indicates that policy metadata such as the content hash and raft indices should be shown for each entry");
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("update", "Update an ACL policy") { newName, description, rules, datacenters, meta, format });
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
                var rulesText = parseResult.GetValue(rules) is { } r ? AclRulesInput.Load(r, context) : policy.Rules;
                var updated = await client.ACL.PolicyUpdateAsync(
                    policy with
                    {
                        Name = parseResult.GetValue(newName) is { Length: > 0 } name ? name : policy.Name,
                        Description = parseResult.GetValue(description) ?? policy.Description,
                        Rules = rulesText,
                        Datacenters = parseResult.GetValue(datacenters) is { Length: > 0 } dcs ? [.. dcs] : policy.Datacenters,
                    },
                    cancellationToken: cancellationToken);
                context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(updated) : AclFormat.Policy(updated, parseResult.GetValue(meta)));
                return 0;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"Error loading rules: {exception.Message}");
                return 1;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error updating policy \"{id}\": {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
