using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// <c>parley intention get SRC DST</c> or <c>get ID</c>: Consul's two-column view (Source, Destination, Action, ID,
/// Description, <c>Meta[k]</c>, Created At) and the L7 permissions as JSON; a peer's source as for create.
/// </summary>
internal static class GetIntentionCommand
{
    public static Command Create(CliContext context)
    {
        var selector = new IntentionSelector();
        var command = selector.AddTo(new Command("get", "Show information about an intention."));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var selected = selector.Bind(parseResult, context);
            if (selected is null)
            {
                return 1;
            }

            var client = selected.Client;

            JsonObject? intention;
            try
            {
                intention = selected.Id is not null
                    ? await client.Intentions.GetAsync(selected.Id, cancellationToken: cancellationToken)
                    : await client.Intentions.GetExactAsync(selected.Source, selected.Destination, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading the intention: {exception.Message}");
                return 1;
            }

            if (intention is null)
            {
                context.Error.WriteLine(selected.Id is not null
                    ? $"Intention not found with ID \"{selected.Id}\""
                    : $"Intention not found with source \"{selected.First}\" and destination \"{selected.Destination}\"");
                return 1;
            }

            context.Out.WriteLine(TextTable.Format(Rows(intention)));
            if (intention["Permissions"] is JsonArray { Count: > 0 } permissions)
            {
                context.Out.WriteLine("Permissions:\n" + permissions.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }

            return 0;
        });
        return command;
    }

    private static List<IReadOnlyList<string>> Rows(JsonObject intention)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Source:", IntentionTarget.SourceOf(intention) },
            new[] { "Destination:", IntentionTarget.DestinationOf(intention) },
        };
        void Add(string label, string? value)
        {
            if (value is { Length: > 0 })
            {
                rows.Add([label, value]);
            }
        }

        Add("Action:", (string?)intention["Action"]);
        Add("ID:", (string?)intention["ID"]);
        Add("Description:", (string?)intention["Description"]);
        if (intention["Meta"] is JsonObject meta)
        {
            foreach (var key in meta.Select(kv => kv.Key).Order(StringComparer.Ordinal))
            {
                rows.Add([$"Meta[{key}]:", (string?)meta[key] ?? ""]);
            }
        }

        var created = DateTimeOffset.TryParse(
            (string?)intention["CreatedAt"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var at)
            ? at
            : default;
        rows.Add(["Created At:", Rfc850(created)]);
        return rows;
    }

    // Go's time.RFC850 in local time, as Consul prints it: "Monday, 02-Jan-06 15:04:05 MST".
    private static string Rfc850(DateTimeOffset time)
    {
        var local = time.ToLocalTime();
        var zone = local.Offset == TimeSpan.Zero ? "UTC" : local.ToString("zzz", CultureInfo.InvariantCulture);
        return local.ToString("dddd, dd-MMM-yy HH:mm:ss ", CultureInfo.InvariantCulture) + zone;
    }
}
