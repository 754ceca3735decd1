using System.CommandLine;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Peering;

/// <summary>
/// <c>parley peering generate-token -name N [-meta k=v...] [-server-external-addresses a:p,b:p] [-expires-in 1h] [-format pretty|json]</c>:
/// prints a fresh peering token for the peer to establish with.
/// </summary>
internal static class GeneratePeeringTokenCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var name = CliOptions.Create<string?>("name", "(Required) The local name assigned to the peer cluster.");
        var meta =
            CliOptions.Repeatable("meta",
            "Metadata to associate with the peering," +
            " formatted as key=value. This flag may be specified multiple times to set multiple metadata fields.", "key=value");
        var addresses =
            CliOptions.Repeatable("server-external-addresses",
            "A list of addresses to put into the generated token," +
            " formatted as a comma-separate list. Addresses are the form of <host or IP>:" +
            "port. This could be used to specify load balancer(s) or external IPs to reach the servers from the dialing side," +
            " and will override any server addresses obtained from the \"consul\" service.", "addresses");
        var expiresIn =
            CliOptions.Create<string?>("expires-in",
            "How long the token can be used to establish the peering, as a duration (\"1h\"," +
            " \"30m\"). Defaults to the agent's peering { token_ttl }, which is unset (never) by default.");
        var format = CliOptions.Format();
        var command = connection.AddTo(
            new Command("generate-token", "Generate a peering token") { name, meta, addresses, expiresIn, format });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var peerName = parseResult.GetValue(name);
            if (string.IsNullOrEmpty(peerName))
            {
                context.Error.WriteLine("Missing the required -name flag");
                return 1;
            }

            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            var metaMap = KeyValueFlags.ParseMap(parseResult.GetValue(meta), "meta", context);
            if (metaMap is null)
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            var externalAddresses = KeyValueFlags.SplitList(parseResult.GetValue(addresses));
            PeeringGenerateTokenResponse response;
            try
            {
                response = await client.Peerings.GenerateTokenAsync(
                    new PeeringGenerateTokenRequest
                    {
                        PeerName = peerName,
                        Meta = metaMap.Count > 0 ? metaMap : null,
                        ServerExternalAddresses = externalAddresses.Count > 0 ? externalAddresses : null,
                        ExpiresIn = parseResult.GetValue(expiresIn),
                    },
                    cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error generating peering token for {peerName}: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine(outputFormat == "json" ? JsonSerializer.Serialize(response, ParleyJson.Options) : response.PeeringToken);
            return 0;
        });
        return command;
    }
}
