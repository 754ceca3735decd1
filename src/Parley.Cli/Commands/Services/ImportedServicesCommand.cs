using System.CommandLine;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Services;

/// <summary><c>parley services imported-services [-format pretty|json]</c>: what this cluster imports, and from which peer.</summary>
internal static class ImportedServicesCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var format = CliOptions.Format();
        var filter = CliOptions.Create<string?>("filter", "Filter to use with the request");
        var command = connection.AddTo(new Command("imported-services", "Lists imported services") { format, filter });
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

            IReadOnlyList<ImportedService> services;
            try
            {
                (services, _) = await client.ImportedServicesAsync(new QueryOptions { Filter = parseResult.GetValue(filter) }, cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading imported services: {exception.Message}");
                return 1;
            }

            if (services.Count == 0)
            {
                context.Out.WriteLine("No imported services found");
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
                enterprise ? ["Service", "Partition", "Namespace", "Source Peer", "Source Partition"] : ["Service", "Source Peer"],
            };
            foreach (var service in services)
            {
                table.Add(enterprise
                    ? [service.Service, service.Partition ?? "", service.Namespace ?? "", service.SourcePeer ?? "", service.SourcePartition ?? ""]
                    : [service.Service, service.SourcePeer ?? ""]);
            }

            context.Out.WriteLine(TextTable.Format(table));
            return 0;
        });
        return command;
    }
}
