using System.CommandLine;
using System.Text;
using Parley.Client;

namespace Parley.Cli.Commands.Catalog;

/// <summary><c>parley catalog services [-tags] [-node N]</c>: service names, one per line.</summary>
internal static class CatalogServicesCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var node = CliOptions.Create<string?>("node", "Node id or name for which to list services.");
        var tags = CliOptions.Create<bool>("tags", "Display each service's tags as a comma-separated list beside each service entry.");
        var command = connection.AddTo(new Command("services", "Lists all registered services in a datacenter") { node, tags });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            var services = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (parseResult.GetValue(node) is { Length: > 0 } nodeName)
            {
                try
                {
                    var (catalogNode, _) = await client.Catalog.NodeAsync(nodeName, cancellationToken: cancellationToken);
                    foreach (var instance in (IEnumerable<AgentService>?)catalogNode?.Services?.Values ?? [])
                    {
                        var list = services.TryGetValue(instance.Service, out var existing) ? existing : services[instance.Service] = [];
                        list.AddRange(instance.Tags ?? []);
                    }
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Error listing services for node: {exception.Message}");
                    return 1;
                }
            }
            else
            {
                try
                {
                    var (all, _) = await client.Catalog.ServicesAsync(cancellationToken: cancellationToken);
                    foreach (var (name, serviceTags) in all)
                    {
                        services[name] = [.. serviceTags ?? []];
                    }
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Error listing services: {exception.Message}");
                    return 1;
                }
            }

            if (services.Count == 0)
            {
                context.Error.WriteLine("No services match the given query - try expanding your search.");
                return 0;
            }

            var names = services.Keys.Order(StringComparer.Ordinal).ToList();
            if (!parseResult.GetValue(tags))
            {
                names.ForEach(context.Out.WriteLine);
                return 0;
            }

            // Consul uses a tabwriter with six spaces of padding here, not the two-space table of other commands.
            var width = names.Max(n => n.Length) + 6;
            var text = new StringBuilder();
            foreach (var name in names)
            {
                text.Append(name.PadRight(width)).AppendJoin(',', services[name].Order(StringComparer.Ordinal)).Append('\n');
            }

            context.Out.WriteLine(text.ToString().Trim());
            return 0;
        });
        return command;
    }
}
