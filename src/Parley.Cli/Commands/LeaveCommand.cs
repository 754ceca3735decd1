using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary><c>parley leave</c>: the agent leaves the cluster gracefully (a server leaves the Raft configuration) and stops.</summary>
internal static class LeaveCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("leave", "Gracefully leaves the Parley cluster and shuts down"));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                await client.Agent.LeaveAsync(cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error leaving: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine("Graceful leave complete");
            return 0;
        });
        return command;
    }
}
