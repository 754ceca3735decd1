using System.CommandLine;

namespace Parley.Cli.Commands.Operator;

/// <summary><c>parley operator</c>: cluster-level operator tools (today: <c>raft</c>).</summary>
internal static class OperatorCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "operator",
        "Provides cluster-level tools for Parley operators",
        CommandGroup.Create(
            "raft",
            "Provides tools for working with the Raft configuration of the servers",
            ListPeersCommand.Create(context),
            RemovePeerCommand.Create(context)));
}
