using System.CommandLine;

namespace Parley.Cli;

/// <summary>A command that only groups subcommands; run alone it prints its help, as Consul's do.</summary>
internal static class CommandGroup
{
    /// <summary>Creates the group with its subcommands.</summary>
    public static Command Create(string name, string description, params Command[] subcommands)
    {
        var command = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            command.Add(subcommand);
        }

        command.SetAction(parseResult =>
        {
            var help = new System.CommandLine.Help.HelpAction();
            help.Invoke(parseResult);
            return 1;
        });
        return command;
    }
}
