using System.CommandLine;

namespace Parley.Cli.Commands.Intention;

/// <summary><c>parley intention</c>: create, read, list, match, check and delete intentions (Consul's family, peer sources too).</summary>
internal static class IntentionCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "intention",
        "Interact with Connect service intentions",
        CheckIntentionCommand.Create(context),
        CreateIntentionCommand.Create(context),
        DeleteIntentionCommand.Create(context),
        GetIntentionCommand.Create(context),
        ListIntentionCommand.Create(context),
        MatchIntentionCommand.Create(context));
}
