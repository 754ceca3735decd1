using System.CommandLine;

namespace Parley.Cli.Commands.Services;

/// <summary><c>parley services</c>: register, deregister and export services.</summary>
internal static class ServicesCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "services",
        "Interact with services",
        RegisterServiceCommand.Create(context),
        DeregisterServiceCommand.Create(context),
        ExportServiceCommand.Create(context),
        ExportedServicesCommand.Create(context),
        ImportedServicesCommand.Create(context));
}
