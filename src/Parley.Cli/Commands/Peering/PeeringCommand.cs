using System.CommandLine;

namespace Parley.Cli.Commands.Peering;

/// <summary>
/// <c>parley peering</c>: generate tokens, establish, list, read and delete peering connections, and diagnose them (doctor).
/// </summary>
internal static class PeeringCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "peering",
        "Create and manage peering connections between Parley (or Consul) clusters",
        GeneratePeeringTokenCommand.Create(context),
        EstablishPeeringCommand.Create(context),
        ListPeeringsCommand.Create(context),
        ReadPeeringCommand.Create(context),
        DeletePeeringCommand.Create(context),
        PeeringExportedServicesCommand.Create(context),
        DoctorPeeringCommand.Create(context));
}
