using System.CommandLine;

namespace Parley.Cli.Commands.Peering;

/// <summary><c>parley peering delete -name N</c>: marks the peering for deletion; the agent cleans up asynchronously.</summary>
internal static class DeletePeeringCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var name = CliOptions.Create<string?>("name", "(Required) The local name assigned to the peer cluster.");
        var command = connection.AddTo(new Command("delete", "Delete a peering connection") { name });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var peerName = parseResult.GetValue(name);
            if (string.IsNullOrEmpty(peerName))
            {
                context.Error.WriteLine("Missing the required -name flag");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                await client.Peerings.DeleteAsync(peerName, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error deleting peering for {peerName}: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine($"Successfully submitted peering connection, {peerName}, for deletion");
            return 0;
        });
        return command;
    }
}
