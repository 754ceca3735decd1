using System.CommandLine;

namespace Parley.Cli.Commands.Config;

/// <summary><c>parley config write [-cas -modify-index N] FILE|-</c>: creates or replaces a config entry from HCL or JSON.</summary>
internal static class WriteConfigCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var cas =
            CliOptions.Create<bool>("cas",
            "Perform a Check-And-Set operation. Specifying this value also requires the -modify-index flag to be set. The default " +
            "value is false.");
        var modifyIndex = CliOptions.Create<ulong>(
            "modify-index",
            "Unsigned integer representing the ModifyIndex of the config entry. This is used in combination with the -cas flag.");
        var source = new Argument<string[]>("configuration")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "A file path, or - to read standard input (HCL or JSON).",
        };
        var command = connection.AddTo(new Command("write", "Create or update a centralized config entry") { cas, modifyIndex, source });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var sources = parseResult.GetValue(source) ?? [];
            if (sources.Length != 1)
            {
                context.Error.WriteLine("Must provide exactly one positional argument to specify the config entry to write");
                return 1;
            }

            string text;
            try
            {
                text = DocumentInput.ReadText(sources[0], context);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"Failed to load data: Failed to read file: {exception.Message}");
                return 1;
            }

            ConfigEntryInput input;
            try
            {
                input = ConfigEntryInput.Parse(text, sources[0] == "-" ? null : Path.GetFileName(sources[0]));
            }
            catch (FormatException exception)
            {
                context.Error.WriteLine($"Failed to decode config entry input: {exception.Message}");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            bool written;
            try
            {
                ulong? casIndex = parseResult.GetValue(cas) ? parseResult.GetValue(modifyIndex) : null;
                written = await client.ConfigEntries.SetAsync(input.Entry, casIndex, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error writing config entry {input.Kind}/{input.Name}: {exception.Message}");
                return 1;
            }

            if (!written)
            {
                context.Error.WriteLine($"Config entry not updated: {input.Kind}/{input.Name}");
                return 1;
            }

            context.Out.WriteLine($"Config entry written: {input.Kind}/{input.Name}");
            return 0;
        });
        return command;
    }
}
