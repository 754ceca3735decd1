using System.CommandLine;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Services;

/// <summary><c>parley services exported-services [-format pretty|json]</c>: what this cluster exports, and to whom.</summary>
internal static class ExportedServicesCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var format = CliOptions.Format();
        var filter = CliOptions.Create<string?>("filter", "Filter to use with the request");
        var command = connection.AddTo(new Command("exported-services", "Lists exported services") { format, filter });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            IReadOnlyList<ResolvedExportedService> services;
            try
            {
                (services, _) = await client.ExportedServicesAsync(new QueryOptions { Filter = parseResult.GetValue(filter) }, cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading exported services: {exception.Message}");
                return 1;
            }

            if (services.Count == 0)
            {
                context.Out.WriteLine("No exported services found");
                return 0;
            }

            if (outputFormat == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(services, ParleyJson.Indented));
                return 0;
            }

            var enterprise = !string.IsNullOrEmpty(services[0].Partition);
            var table = new List<IReadOnlyList<string>>
            {
                enterprise ? ["Service", "Partition", "Namespace", "Consumer Peers", "Consumer Partitions"] : ["Service", "Consumer Peers"],
            };
            foreach (var service in services)
            {
                var peers = string.Join(", ", service.Consumers.Peers ?? []);
                table.Add(enterprise
                    ? [service.Service, service.Partition ?? "", service.Namespace ?? "", peers, string.Join(", ", service.Consumers.Partitions ?? [])]
                    : [service.Service, peers]);
            }

            context.Out.WriteLine(TextTable.Format(table));
            return 0;
        });
        return command;
    }
}
