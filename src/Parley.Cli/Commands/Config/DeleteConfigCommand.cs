using System.CommandLine;

namespace Parley.Cli.Commands.Config;

/// <summary>
/// <c>parley config delete (-kind K -name N | -filename F) [-cas -modify-index N]</c>: deletes a config entry.
/// </summary>
internal static class DeleteConfigCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var kind = CliOptions.Create<string?>("kind", "The kind of configuration to delete.");
        var name = CliOptions.Create<string?>("name", "The name of configuration to delete.");
        var filename = CliOptions.Create<string?>("filename", "The filename of the config entry to delete.");
        var cas =
            CliOptions.Create<bool>("cas",
            "Perform a Check-And-Set operation. Specifying this value also requires the -modify-index flag to be set. The default " +
            "value is false.");
        var modifyIndex = CliOptions.Create<ulong>(
            "modify-index",
            "Unsigned integer representing the ModifyIndex of the config entry. This is used in combination with the -cas flag.");
        var command = connection.AddTo(
            new Command("delete", "Delete a centralized config entry") { kind, name, filename, cas, modifyIndex });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var entryKind = parseResult.GetValue(kind);
            var entryName = parseResult.GetValue(name);
            var file = parseResult.GetValue(filename);
            var useCas = parseResult.GetValue(cas);
            var index = parseResult.GetValue(modifyIndex);

            if (string.IsNullOrEmpty(file) && string.IsNullOrEmpty(entryKind))
            {
                context.Error.WriteLine("Must specify the -kind or -filename parameter");
                return 1;
            }

            if (!string.IsNullOrEmpty(file) && (!string.IsNullOrEmpty(entryKind) || !string.IsNullOrEmpty(entryName)))
            {
                context.Error.WriteLine("filename can't be used with kind or name");
                return 1;
            }

            if (string.IsNullOrEmpty(file) && string.IsNullOrEmpty(entryName))
            {
                context.Error.WriteLine("Must specify the -name parameter");
                return 1;
            }

            if (useCas && index == 0)
            {
                context.Error.WriteLine("Must specify a -modify-index greater than 0 with -cas");
                return 1;
            }

            if (!useCas && index != 0)
            {
                context.Error.WriteLine("Cannot specify -modify-index without -cas");
                return 1;
            }

            if (!string.IsNullOrEmpty(file))
            {
                try
                {
                    var input = ConfigEntryInput.Parse(DocumentInput.ReadText(file, context), Path.GetFileName(file));
                    (entryKind, entryName) = (input.Kind, input.Name);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"Failed to load data: Failed to read file: {exception.Message}");
                    return 1;
                }
                catch (FormatException exception)
                {
                    context.Error.WriteLine($"Failed to decode config entry input: {exception.Message}");
                    return 1;
                }

                if (string.IsNullOrEmpty(entryName))
                {
                    context.Error.WriteLine("Must specify the -name parameter");
                    return 1;
                }
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            bool deleted;
            try
            {
                deleted = await client.ConfigEntries.DeleteAsync(
                    entryKind!,
                    entryName!,
                    useCas ? index : null,
                    cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error deleting config entry {entryKind}/{entryName}: {exception.Message}");
                return 1;
            }

            if (!deleted)
            {
                context.Error.WriteLine($"Config entry not deleted: {entryKind}/{entryName}");
                return 1;
            }

            context.Out.WriteLine($"Config entry deleted: {entryKind}/{entryName}");
            return 0;
        });
        return command;
    }
}
