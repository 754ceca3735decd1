using System.CommandLine;
using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.Cli.Commands.Config;

/// <summary><c>parley config read -kind K -name N</c>: prints the entry as JSON indented with four spaces.</summary>
internal static class ReadConfigCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var kind = CliOptions.Create<string?>("kind", "The kind of configuration to read.");
        var name = CliOptions.Create<string?>("name", "The name of configuration to read.");
        var command = connection.AddTo(new Command("read", "Read a centralized config entry") { kind, name });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var entryKind = parseResult.GetValue(kind);
            var entryName = parseResult.GetValue(name);
            if (string.IsNullOrEmpty(entryKind))
            {
                context.Error.WriteLine("Must specify the -kind parameter");
                return 1;
            }

            if (string.IsNullOrEmpty(entryName))
            {
                context.Error.WriteLine("Must specify the -name parameter");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            JsonObject entry;
            try
            {
                (entry, _) = await client.ConfigEntries.GetAsync(entryKind, entryName, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading config entry {entryKind}/{entryName}: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine(entry.ToJsonString(ParleyJson.Indented));
            return 0;
        });
        return command;
    }
}
