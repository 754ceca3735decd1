using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Peering;

/// <summary><c>parley peering list [-format pretty|json]</c>: one row per peering, sorted by name.</summary>
internal static class ListPeeringsCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("list", "List peering connections") { format });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            IReadOnlyList<Client.Peering> peerings;
            try
            {
                (peerings, _) = await client.Peerings.ListAsync(cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error listing peerings: {exception.Message}");
                return 1;
            }

            var sorted = peerings.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (outputFormat == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(sorted, ParleyJson.Options));
                return 0;
            }

            if (sorted.Count == 0)
            {
                context.Out.WriteLine("There are no peering connections.");
                return 0;
            }

            var table = new List<IReadOnlyList<string>> { (string[])["Name", "State", "Imported Svcs", "Exported Svcs", "Meta"] };
            foreach (var peering in sorted)
            {
                table.Add(
                [
                    peering.Name,
                    peering.State,
                    (peering.StreamStatus.ImportedServices?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                    (peering.StreamStatus.ExportedServices?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                    string.Join(',', (peering.Meta ?? []).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")),
                ]);
            }

            context.Out.WriteLine(TextTable.Format(table));
            return 0;
        });
        return command;
    }
}
