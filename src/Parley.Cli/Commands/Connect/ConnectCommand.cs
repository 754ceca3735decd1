using System.CommandLine;

namespace Parley.Cli.Commands.Connect;

/// <summary><c>parley connect</c>: the mesh's commands (Consul's <c>consul connect</c>).</summary>
internal static class ConnectCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "connect",
        "Interact with the service mesh",
        ConnectProxyCommand.Create(context));
}
