using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// How an acl read/update/delete command picks its item: <c>-id</c>, and for policies and roles also <c>-name</c>
/// (looked up to its ID first, as Consul's commands do).
/// </summary>
internal sealed class AclSelector
{
    private readonly Option<string?> _id;
    private readonly Option<string?>? _name;
    private readonly string _missing;
    private readonly string _noun;
    private readonly Func<ParleyClient, string, CancellationToken, Task<string?>>? _idByName;

    private AclSelector(string noun, string idHelp, string missing, Func<ParleyClient, string, CancellationToken, Task<string?>>? idByName)
    {
        _noun = noun;
        _id = CliOptions.Create<string?>("id", idHelp);
        _name = idByName is null ? null : CliOptions.Create<string?>("name", $"The name of the {noun}");
        _missing = missing;
        _idByName = idByName;
    }

    /// <summary><c>-id</c> or <c>-name</c> of a policy.</summary>
    public static AclSelector Policy(string missing = "Must specify either the -id or -name parameters") => new(
        "policy", "The ID of the policy", missing, async (client, name, ct)
            => (await client.ACL.PolicyReadByNameAsync(name, cancellationToken: ct)).Value.ID);

    /// <summary><c>-id</c> or <c>-name</c> of a role.</summary>
    public static AclSelector Role(string missing = "Must specify either the -id or -name parameters") => new(
        "role", "The ID of the role", missing, async (client, name, ct)
            => (await client.ACL.RoleReadByNameAsync(name, cancellationToken: ct)).Value.ID);

    /// <summary><c>-id</c> (the accessor ID) of a token.</summary>
    public static AclSelector Token(string idHelp) => new("token", idHelp, "Must specify the -id parameter", null);

    public void AddTo(Command command)
    {
        command.Add(_id);
        if (_name is not null)
        {
            command.Add(_name);
        }
    }

    /// <summary>The item's ID: given, or looked up by name. Prints Consul's error and returns null when neither works.</summary>
    public async Task<string?> ResolveIdAsync(
        ParseResult parseResult,
        ParleyClient client,
        CliContext context,
        CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(_id) is { Length: > 0 } id)
        {
            return id;
        }

        if (_name is null || _idByName is null || parseResult.GetValue(_name) is not { Length: > 0 } name)
        {
            context.Error.WriteLine(_missing);
            return null;
        }

        try
        {
            return await _idByName(client, name, cancellationToken);
        }
        catch (Exception exception) when (ClientErrors.IsReportable(exception))
        {
            context.Error.WriteLine($"Error determining {_noun} ID: {exception.Message}");
            return null;
        }
    }
}
