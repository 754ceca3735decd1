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

            context.Out.WriteLine(Format(sorted, context.Time.GetUtcNow()));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Consul's table; when a peering has an unused token outstanding (Parley's <c>TokenIssuedAt</c>), two more columns give
    /// its age and expiry, so the layout stays Consul's wherever no token is outstanding.
    /// </summary>
    internal static string Format(IReadOnlyList<Client.Peering> sorted, DateTimeOffset now)
    {
        var tokens = sorted.Any(p => p.TokenIssuedAt is not null);
        var header = new List<string> { "Name", "State", "Imported Svcs", "Exported Svcs", "Meta" };
        if (tokens)
        {
            header.AddRange(["Token Age", "Token Expires"]);
        }

        var table = new List<IReadOnlyList<string>> { header };
        foreach (var peering in sorted)
        {
            var row = new List<string>
            {
                peering.Name,
                peering.State,
                (peering.StreamStatus.ImportedServices?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                (peering.StreamStatus.ExportedServices?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                string.Join(',', (peering.Meta ?? []).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")),
            };
            if (tokens)
            {
                row.Add(peering.TokenIssuedAt is { } issued ? AgeWords.Span(now - issued) : "");
                row.Add(
                    peering.TokenIssuedAt is null ? "" : peering.TokenExpiresAt is { } expires ? AgeWords.Relative(expires, now) : "never");
            }

            table.Add(row);
        }

        return TextTable.Format(table);
    }
}
