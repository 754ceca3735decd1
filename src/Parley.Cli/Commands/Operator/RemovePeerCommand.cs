using System.CommandLine;

namespace Parley.Cli.Commands.Operator;

/// <summary><c>parley operator raft remove-peer -address ADDR | -id ID</c>: removes a server from the Raft configuration.</summary>
internal static class RemovePeerCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var address = CliOptions.Create<string?>("address", "Remove a Parley server with given -address from the Raft configuration.");
        var id = CliOptions.Create<string?>("id", "Remove a Parley server with given -id from the Raft configuration.");
        var command = connection.AddTo(new Command("remove-peer", "Remove a Parley server from the Raft configuration") { address, id });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var byAddress = parseResult.GetValue(address);
            var byId = parseResult.GetValue(id);
            if (string.IsNullOrEmpty(byAddress) == string.IsNullOrEmpty(byId))
            {
                context.Error.WriteLine(string.IsNullOrEmpty(byAddress)
                    ? "Error removing peer: an address or id is required for the peer to remove"
                    : "Error removing peer: cannot give both an address and id");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                if (!string.IsNullOrEmpty(byAddress))
                {
                    await client.Operator.RaftRemovePeerByAddressAsync(byAddress, cancellationToken: cancellationToken);
                }
                else
                {
                    await client.Operator.RaftRemovePeerByIdAsync(byId!, cancellationToken: cancellationToken);
                }
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error removing peer: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine(
                string.IsNullOrEmpty(byAddress) ? $"Removed peer with id \"{byId}\"" : $"Removed peer with address \"{byAddress}\"");
            return 0;
        });
        return command;
    }
}
