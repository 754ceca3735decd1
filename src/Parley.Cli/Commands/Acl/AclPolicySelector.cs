using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>The <c>-id</c> / <c>-name</c> pair that read, update and delete use to pick a policy.</summary>
internal sealed class AclPolicySelector
{
    private readonly Option<string?> _id = CliOptions.Create<string?>("id", "The ID of the policy");
    private readonly Option<string?> _name = CliOptions.Create<string?>("name", "The name of the policy");

    public void AddTo(Command command)
    {
        command.Add(_id);
        command.Add(_name);
    }

    /// <summary>The policy's ID: given, or looked up by name. Prints Consul's error and returns null when neither works.</summary>
    public async Task<string?> ResolveIdAsync(ParseResult parseResult, ParleyClient client, CliContext context, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(_id) is { Length: > 0 } id)
        {
            return id;
        }

        if (parseResult.GetValue(_name) is not { Length: > 0 } name)
        {
            context.Error.WriteLine("Must specify either the -id or -name parameters");
            return null;
        }

        try
        {
            return (await client.ACL.PolicyReadByNameAsync(name, cancellationToken: cancellationToken)).Value.ID;
        }
        catch (Exception exception) when (ClientErrors.IsReportable(exception))
        {
            context.Error.WriteLine($"Error determining policy ID: {exception.Message}");
            return null;
        }
    }
}
