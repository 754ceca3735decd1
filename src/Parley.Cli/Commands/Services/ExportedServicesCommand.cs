using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Services;

/// <summary><c>parley services exported-services [-format pretty|json]</c>: what this cluster exports, and to whom.</summary>
internal static class ExportedServicesCommand
{
    public static Command Create(CliContext context) => ServiceListCommand.Create<ResolvedExportedService>(
        context,
        "exported-services",
        "exported services",
        (client, options, cancellationToken) => client.ExportedServicesAsync(options, cancellationToken),
        service => !string.IsNullOrEmpty(service.Partition),
        enterprise => enterprise
            ? ["Service", "Partition", "Namespace", "Consumer Peers", "Consumer Partitions"]
            : ["Service", "Consumer Peers"],
        (service, enterprise) =>
        {
            var peers = string.Join(", ", service.Consumers.Peers ?? []);
            return enterprise
                ? [service.Service, service.Partition ?? "", service.Namespace ?? "", peers,
                    string.Join(", ", service.Consumers.Partitions ?? [])]
                : [service.Service, peers];
        });
}
