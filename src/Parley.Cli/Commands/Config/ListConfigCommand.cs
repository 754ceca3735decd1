using System.CommandLine;
using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.Cli.Commands.Config;

/// <summary><c>parley config list -kind K [-filter EXPR]</c>: the names of the entries of one kind, one per line.</summary>
internal static class ListConfigCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var kind = CliOptions.Create<string?>("kind", "The kind of configurations to list.");
        var filter = CliOptions.Create<string?>("filter", "Filter to use with the request.");
        var command = connection.AddTo(new Command("list", "List centralized config entries of a given kind") { kind, filter });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var entryKind = parseResult.GetValue(kind);
            if (string.IsNullOrEmpty(entryKind))
            {
                context.Error.WriteLine("Must specify the -kind parameter");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            IReadOnlyList<JsonObject> entries;
            try
            {
                (entries, _) = await client.ConfigEntries.ListAsync(
                    entryKind, new QueryOptions { Filter = parseResult.GetValue(filter) }, cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error listing config entries for kind \"{entryKind}\": {exception.Message}");
                return 1;
            }

            foreach (var entry in entries)
            {
                context.Out.WriteLine((string?)DocumentInput.Property(entry, "Name") ?? "");
            }

            return 0;
        });
        return command;
    }
}
