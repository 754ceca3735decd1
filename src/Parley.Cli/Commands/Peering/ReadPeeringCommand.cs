using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Client;
using Parley.Core.Go;

namespace Parley.Cli.Commands.Peering;

/// <summary><c>parley peering read -name N [-format pretty|json]</c>: one peering in Consul's labelled layout.</summary>
internal static class ReadPeeringCommand
{
    public static Command Create(CliContext context)
    {
        var peer = new PeerNameOptions();
        var command = peer.AddTo(new Command("read", "Read a peering connection"));
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

            context.Out.WriteLine(
                outputFormat == "json" ? JsonSerializer.Serialize(peering, ParleyJson.Options) : Format(peering, context.Time.GetUtcNow()));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The pretty layout; labels are padded exactly as Consul pads them. Parley adds, after Consul's times, whether the
    /// stream is healthy, its last error and the heartbeat and receive ages in words against <paramref name="now"/>.
    /// </summary>
    internal static string Format(Client.Peering peering, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append("Name:         ").Append(peering.Name).Append('\n');
        text.Append("ID:           ").Append(peering.ID).Append('\n');
        if (!string.IsNullOrEmpty(peering.Partition))
        {
            text.Append("Partition:    ").Append(peering.Partition).Append('\n');
        }

        if (peering.DeletedAt is { } deletedAt)
        {
            text.Append("DeletedAt:    ")
                .Append(deletedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("State:        ").Append(peering.State).Append('\n');
        if (peering.Meta is { Count: > 0 } meta)
        {
            text.Append("Meta:\n");
            foreach (var (key, value) in meta.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                text.Append("    ").Append(key).Append('=').Append(value).Append('\n');
            }
        }

        text.Append('\n');
        text.Append("Peer ID:               ").Append(peering.PeerID).Append('\n');
        text.Append("Peer Server Name:      ").Append(peering.PeerServerName).Append('\n');
        text.Append("Peer CA Pems:          ").Append(peering.PeerCAPems?.Count ?? 0).Append('\n');
        if (peering.PeerServerAddresses is { Count: > 0 } addresses)
        {
            // Consul omits the newline between addresses; one per line is what it meant.
            text.Append("Peer Server Addresses:\n");
            foreach (var address in addresses)
            {
                text.Append("    ").Append(address).Append('\n');
            }
        }

        text.Append('\n');
        text.Append("Imported Services: ").Append(peering.StreamStatus.ImportedServices?.Count ?? 0).Append('\n');
        text.Append("Exported Services: ").Append(peering.StreamStatus.ExportedServices?.Count ?? 0).Append('\n');

        text.Append('\n');
        text.Append("Last Heartbeat:    ").Append(GoTime.ToGoString(peering.StreamStatus.LastHeartbeat)).Append('\n');
        text.Append("Last Send:         ").Append(GoTime.ToGoString(peering.StreamStatus.LastSend)).Append('\n');
        text.Append("Last Receive:      ").Append(GoTime.ToGoString(peering.StreamStatus.LastReceive)).Append('\n');

        var status = peering.StreamStatus;
        if (status.Healthy is { } healthy)
        {
            text.Append('\n');
            text.Append("Healthy:           ").Append(healthy ? "true" : "false").Append('\n');
            text.Append("Heartbeat Age:     ").Append(AgeWords.Relative(status.LastHeartbeat, now)).Append('\n');
            text.Append("Receive Age:       ").Append(AgeWords.Relative(status.LastReceive, now)).Append('\n');
            if (status.LastError is { } error)
            {
                text.Append("Last Error:        ").Append(error.Message).Append(" (").Append(AgeWords.Relative(error.Time, now))
                    .Append(")\n");
            }
        }

        text.Append('\n');
        text.Append("Create Index: ").Append(peering.CreateIndex).Append('\n');
        text.Append("Modify Index: ").Append(peering.ModifyIndex).Append('\n');
        return text.ToString();
    }
}
