using System.CommandLine;
using System.Text.Json.Nodes;

namespace Parley.Cli.Commands.Peering;

/// <summary><c>parley peering exported-services -name N [-format pretty|json]</c>: the services exported to one peer.</summary>
internal static class PeeringExportedServicesCommand
{
    public static Command Create(CliContext context)
    {
        var peer = new PeerNameOptions();
        var command = peer.AddTo(new Command("exported-services", "Lists exported services to a peer"));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var input = peer.Bind(parseResult, context);
            if (input is null)
            {
                return 1;
            }

            var (peerName, outputFormat, client) = (input.Name, input.Format, input.Client);

            Client.Peering? peering;
            try
            {
                (peering, _) = await client.Peerings.ReadAsync(peerName, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading peering: {exception.Message}");
                return 1;
            }

            if (peering is null)
            {
                context.Error.WriteLine($"No peering with name {peerName} found.");
                return 1;
            }

            var services = peering.StreamStatus.ExportedServices ?? [];
            if (outputFormat == "json")
            {
                // Consul prints them as service IDs: [{"ID":"web"}].
                var ids = new JsonArray([.. services.Select(s => (JsonNode)new JsonObject { ["ID"] = s })]);
                context.Out.WriteLine(ids.ToJsonString(Client.ParleyJson.Options));
                return 0;
            }

            context.Out.WriteLine(string.Join('\n', services));
            return 0;
        });
        return command;
    }
}
