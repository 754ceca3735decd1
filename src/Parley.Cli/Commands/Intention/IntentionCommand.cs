using System.CommandLine;

namespace Parley.Cli.Commands.Intention;

/// <summary><c>parley intention</c>: questions about intentions.</summary>
internal static class IntentionCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "intention",
        "Interact with Connect service intentions",
        CheckIntentionCommand.Create(context));
}
