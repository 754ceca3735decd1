using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// The flags <c>acl policy create</c> and <c>acl policy update</c> share, with Consul's help texts, and how both print the
/// policy they wrote.
/// </summary>
internal sealed class AclPolicyFlags
{
    public Option<string?> Description { get; } = CliOptions.Create<string?>("description", "A description of the policy");

    public Option<string?> Rules { get; } = CliOptions.Create<string?>(
        "rules",
        "The policy rules. May be prefixed with '@' to indicate that the value is a file path to load the rules from. " +
        "'-' may also be given to indicate that the rules are available on stdin");

    public Option<string[]> Datacenters { get; } = CliOptions.Repeatable(
        "valid-datacenter",
        "Datacenter that the policy should be valid within. May be specified multiple times");

    public Option<bool> Meta { get; } = CliOptions.Create<bool>(
        "meta",
        "Indicates that policy metadata such as the content hash and raft indices should be shown for each entry");

    public Option<string> Format { get; } = CliOptions.Format();

    /// <summary>Adds the flags to <paramref name="command"/> after the ones it already has.</summary>
    public Command AddTo(Command command)
    {
        command.Add(Description);
        command.Add(Rules);
        command.Add(Datacenters);
        command.Add(Meta);
        command.Add(Format);
        return command;
    }

    /// <summary>The policy as <c>-format</c> asks: JSON, or Consul's pretty text (with <c>-meta</c>, its indexes and hash).</summary>
    public void Print(CliContext context, ParseResult parseResult, ACLPolicy policy) => context.Out.WriteLine(
        parseResult.GetValue(Format) == "json" ? AclFormat.Json(policy) : AclFormat.Policy(policy, parseResult.GetValue(Meta)));
}
