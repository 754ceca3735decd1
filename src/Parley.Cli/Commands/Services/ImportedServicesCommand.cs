using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Services;

/// <summary><c>parley services imported-services [-format pretty|json]</c>: what this cluster imports, and from which peer.</summary>
internal static class ImportedServicesCommand
{
    public static Command Create(CliContext context) => ServiceListCommand.Create<ImportedService>(
        context,
        "imported-services",
        "imported services",
        (client, options, cancellationToken) => client.ImportedServicesAsync(options, cancellationToken),
        service => !string.IsNullOrEmpty(service.Partition),
        enterprise => enterprise ? ["Service", "Partition", "Namespace", "Source Peer", "Source Partition"] : ["Service", "Source Peer"],
        (service, enterprise) => enterprise
            ? [service.Service, service.Partition ?? "", service.Namespace ?? "", service.SourcePeer ?? "", service.SourcePartition ?? ""]
            : [service.Service, service.SourcePeer ?? ""]);
}
