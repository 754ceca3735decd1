using System.CommandLine;

namespace Parley.Cli.Commands.Config;

/// <summary><c>parley config</c>: write, read, list and delete config entries.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "config",
        "Interact with the agent's centralized configuration",
        WriteConfigCommand.Create(context),
        ReadConfigCommand.Create(context),
        ListConfigCommand.Create(context),
        DeleteConfigCommand.Create(context));
}
