using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Catalog;

/// <summary><c>parley catalog nodes [-detailed] [-service S] [-filter EXPR]</c>: the catalog's nodes as a table.</summary>
internal static class CatalogNodesCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var detailed = CliOptions.Create<bool>(
            "detailed",
            "Output detailed information about the nodes including their addresses and metadata.");
        var service = CliOptions.Create<string?>(
            "service",
            "Service id or name to filter nodes. Only nodes which are providing the given service will be returned.");
        var filter = CliOptions.Create<string?>("filter", "Filter to use with the request");
        var command = connection.AddTo(new Command("nodes", "Lists all nodes in the given datacenter") { detailed, service, filter });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            var options = new QueryOptions { Filter = parseResult.GetValue(filter) };
            IReadOnlyList<Node> nodes;
            if (parseResult.GetValue(service) is { Length: > 0 } serviceName)
            {
                try
                {
                    var (instances, _) =
                        await client.Catalog.ServiceAsync(serviceName, options: options, cancellationToken: cancellationToken);
                    nodes = [.. instances.Select(s => new Node
                    {
                        ID = s.ID,
                        Name = s.Node,
                        Address = s.Address,
                        Datacenter = s.Datacenter,
                        TaggedAddresses = s.TaggedAddresses,
                        Meta = s.NodeMeta,
                    })];
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Error listing nodes for service: {exception.Message}");
                    return 1;
                }
            }
            else
            {
                try
                {
                    (nodes, _) = await client.Catalog.NodesAsync(options, cancellationToken);
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Error listing nodes: {exception.Message}");
                    return 1;
                }
            }

            if (nodes.Count == 0)
            {
                context.Error.WriteLine("No nodes match the given query - try expanding your search.");
                return 0;
            }

            var isDetailed = parseResult.GetValue(detailed);
            var table = new List<IReadOnlyList<string>>
            {
                isDetailed ? ["Node", "ID", "Address", "DC", "TaggedAddresses", "Meta"] : ["Node", "ID", "Address", "DC"],
            };
            foreach (var node in nodes)
            {
                table.Add(isDetailed
                    ? [node.Name, node.ID, node.Address, node.Datacenter, Pairs(node.TaggedAddresses), Pairs(node.Meta)]
                    : [node.Name, ShortId(node.ID), node.Address, node.Datacenter]);
            }

            context.Out.WriteLine(TextTable.Format(table));
            return 0;
        });
        return command;
    }

    // Non-detailed output shows only the first group of the UUID, as Consul does.
    private static string ShortId(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? id[..dash] : id;
    }

    private static string Pairs(Dictionary<string, string>? map)
        => string.Join(", ", (map ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
