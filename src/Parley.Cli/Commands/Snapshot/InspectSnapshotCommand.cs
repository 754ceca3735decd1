using System.CommandLine;
using System.Globalization;

namespace Parley.Cli.Commands.Snapshot;

/// <summary><c>parley snapshot inspect FILE</c>: verifies a snapshot file offline and prints its metadata.</summary>
internal static class InspectSnapshotCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string[]>("file") { Arity = ArgumentArity.ZeroOrMore, Description = "The snapshot file to inspect." };
        var command = new Command("inspect", "Displays information about a Parley snapshot file") { file };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var files = parseResult.GetValue(file) ?? [];
            if (files.Length != 1)
            {
                context.Error.WriteLine("Missing FILE argument");
                return 1;
            }

            SnapshotFileMeta meta;
            try
            {
                meta = await SnapshotFile.VerifyAsync(files[0], cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"Error verifying snapshot file: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine(TextTable.Format(
            [
                ["ID", meta.ID],
                ["Size", meta.Size.ToString(CultureInfo.InvariantCulture)],
                ["Index", meta.Index.ToString(CultureInfo.InvariantCulture)],
                ["Term", meta.Term.ToString(CultureInfo.InvariantCulture)],
                ["Version", meta.Version.ToString(CultureInfo.InvariantCulture)],
            ]));
            return 0;
        });
        return command;
    }
}
