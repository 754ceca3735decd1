using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>The <c>-service-identity</c>, <c>-node-identity</c> and policy/role link flags of token and role commands.</summary>
internal static class AclIdentities
{
    /// <summary><c>web</c> or <c>web:dc1,dc2</c> (Consul's <c>ExtractServiceIdentities</c>).</summary>
    public static List<ACLServiceIdentity> Services(string[]? values) =>
        [.. (values ?? []).Select(s => s.Split(':', 2) is [var name, var dcs]
            ? new ACLServiceIdentity { ServiceName = name, Datacenters = [.. dcs.Split(',', StringSplitOptions.RemoveEmptyEntries)] }
            : new ACLServiceIdentity { ServiceName = s })];

    /// <summary>
    /// <c>node:dc</c> (Consul's <c>ExtractNodeIdentities</c>); prints Consul's error and returns null for a malformed one.
    /// </summary>
    public static List<ACLNodeIdentity>? Nodes(string[]? values, CliContext context)
    {
        List<ACLNodeIdentity> nodes = [];
        foreach (var node in values ?? [])
        {
            var parts = node.Split(':', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                context.Error.WriteLine($"Malformed -node-identity argument: {node}");
                return null;
            }

            nodes.Add(new ACLNodeIdentity { NodeName = parts[0], Datacenter = parts[1] });
        }

        return nodes;
    }

    /// <summary>Links by ID, then by name, as the flags give them.</summary>
    public static List<ACLLink> Links(string[]? ids, string[]? names) =>
        [.. (ids ?? []).Select(id => new ACLLink { ID = id }), .. (names ?? []).Select(name => new ACLLink { Name = name })];
}
