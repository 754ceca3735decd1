using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Peering;

/// <summary>
/// <c>parley peering establish -name N -peering-token T [-meta k=v...]</c>: connects to the peer that generated the token.
/// </summary>
internal static class EstablishPeeringCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var name = CliOptions.Create<string?>("name", "(Required) The local name assigned to the peer cluster.");
        var token = CliOptions.Create<string?>("peering-token", "(Required) The peering token from the accepting cluster.");
        var meta =
            CliOptions.Repeatable("meta",
            "Metadata to associate with the peering," +
            " formatted as key=value. This flag may be specified multiple times to set multiple metadata fields.", "key=value");
        var command = connection.AddTo(new Command("establish", "Establish a peering connection") { name, token, meta });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var peerName = parseResult.GetValue(name);
            if (string.IsNullOrEmpty(peerName))
            {
                context.Error.WriteLine("Missing the required -name flag");
                return 1;
            }

            var peeringToken = parseResult.GetValue(token);
            if (string.IsNullOrEmpty(peeringToken))
            {
                context.Error.WriteLine("Missing the required -peering-token flag");
                return 1;
            }

            var metaMap = KeyValueFlags.ParseMap(parseResult.GetValue(meta), "meta", context);
            if (metaMap is null)
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                await client.Peerings.EstablishAsync(
                    new PeeringEstablishRequest
                    {
                        PeerName = peerName,
                        PeeringToken = peeringToken,
                        Meta = metaMap.Count > 0 ? metaMap : null,
                    },
                    cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error establishing peering for {peerName}: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine($"Successfully established peering connection with {peerName}");
            return 0;
        });
        return command;
    }
}
