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
        var flags = new AclPolicyFlags();
        var command = connection.AddTo(flags.AddTo(new Command("update", "Update an ACL policy") { newName }));
        selector.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!CliOptions.IsValidFormat(parseResult.GetValue(flags.Format), context))
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
                var rulesText = parseResult.GetValue(flags.Rules) is { } r ? AclRulesInput.Load(r, context) : policy.Rules;
                var updated = await client.ACL.PolicyUpdateAsync(
                    policy with
                    {
                        Name = parseResult.GetValue(newName) is { Length: > 0 } name ? name : policy.Name,
                        Description = parseResult.GetValue(flags.Description) ?? policy.Description,
                        Rules = rulesText,
                        Datacenters = parseResult.GetValue(flags.Datacenters) is { Length: > 0 } dcs ? [.. dcs] : policy.Datacenters,
                    },
                    cancellationToken: cancellationToken);
                flags.Print(context, parseResult, updated);
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
