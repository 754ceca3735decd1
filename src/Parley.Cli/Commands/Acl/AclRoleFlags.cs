using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>The flags <c>acl role create</c> and <c>acl role update</c> share: what a role holds.</summary>
internal sealed class AclRoleFlags
{
    public Option<string?> Name { get; } = CliOptions.Create<string?>("name", "The role's name");

    public Option<string?> Description { get; } = CliOptions.Create<string?>("description", "A description of the role");

    public Option<string[]> PolicyIds { get; } = CliOptions.Repeatable(
        "policy-id",
        "ID of a policy to use for this role. May be specified multiple times");

    public Option<string[]> PolicyNames { get; } = CliOptions.Repeatable(
        "policy-name",
        "Name of a policy to use for this role. May be specified multiple times");

    public Option<string[]> Services { get; } = CliOptions.Repeatable(
        "service-identity",
            "Name of a service identity to use for this role. May be specified multiple times. Format is the SERVICENAME or SERVICENAME:" +
            "DATACENTER1,DATACENTER2,...");

    public Option<string[]> Nodes { get; } = CliOptions.Repeatable(
        "node-identity", "Name of a node identity to use for this role. May be specified multiple times. Format is NODENAME:DATACENTER");

    public Option<bool> Meta { get; } = CliOptions.Create<bool>(
        "meta",
        "Indicates that role metadata such as the content hash and raft indices should be shown for each entry");

    public Option<string> Format { get; } = CliOptions.Format();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Name, Description, PolicyIds, PolicyNames, Services, Nodes, Meta, Format })
        {
            command.Add(option);
        }
    }

    /// <summary>
    /// The role the flags describe (links and identities as given); null after printing Consul's error for a malformed identity.
    /// </summary>
    public ACLRole? Role(ParseResult parseResult, CliContext context) =>
        AclIdentities.Nodes(parseResult.GetValue(Nodes), context) is { } nodes
            ? new ACLRole
            {
                Name = parseResult.GetValue(Name) ?? "",
                Description = parseResult.GetValue(Description) ?? "",
                Policies = AclIdentities.Links(parseResult.GetValue(PolicyIds), parseResult.GetValue(PolicyNames)),
                ServiceIdentities = AclIdentities.Services(parseResult.GetValue(Services)),
                NodeIdentities = nodes,
            }
            : null;

    /// <summary>Prints the role as <c>-format</c> and <c>-meta</c> ask.</summary>
    public void Print(ParseResult parseResult, CliContext context, ACLRole role) =>
        context.Out.WriteLine(
            parseResult.GetValue(Format) == "json" ? AclFormat.Json(role) : AclFormat.Role(role, parseResult.GetValue(Meta)));
}
