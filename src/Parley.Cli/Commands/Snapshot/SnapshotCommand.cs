using System.CommandLine;

namespace Parley.Cli.Commands.Snapshot;

/// <summary><c>parley snapshot</c>: save, restore and inspect snapshots of the servers' state.</summary>
internal static class SnapshotCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "snapshot",
        "Saves, restores and inspects snapshots of Parley server state",
        SaveSnapshotCommand.Create(context),
        RestoreSnapshotCommand.Create(context),
        InspectSnapshotCommand.Create(context));
}
