using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Operator;

/// <summary><c>parley operator raft list-peers [-stale]</c>: the Raft servers as Consul prints them.</summary>
internal static class ListPeersCommand
{
    private static readonly string[] Header = ["Node", "ID", "Address", "State", "Voter", "RaftProtocol"];

    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var stale = CliOptions.Create<bool>(
            "stale",
            "This flag is used to allow any server to return the peer list, even if it is not the leader.");
        var command = connection.AddTo(new Command("list-peers", "Display the current Raft peer configuration") { stale });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            RaftConfiguration configuration;
            try
            {
                configuration = await client.Operator.RaftGetConfigurationAsync(
                    new QueryOptions { Stale = parseResult.GetValue(stale) }, cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Failed to retrieve raft configuration: {exception.Message}");
                return 1;
            }

            var rows = new List<IReadOnlyList<string>> { Header };
            foreach (var server in configuration.Servers)
            {
                rows.Add([
                    server.Node, server.ID, server.Address, server.Leader ? "leader" : "follower",
                    server.Voter ? "true" : "false", server.ProtocolVersion is { Length: > 0 } version ? version : "<=1",
                ]);
            }

            context.Out.WriteLine(TextTable.Format(rows));
            return 0;
        });
        return command;
    }
}
