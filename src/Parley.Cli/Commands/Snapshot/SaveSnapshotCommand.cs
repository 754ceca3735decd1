using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Snapshot;

/// <summary><c>parley snapshot save [-stale] FILE</c>: downloads a snapshot, verifies it, then moves it into place.</summary>
internal static class SaveSnapshotCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var stale = CliOptions.Create<bool>(
            "stale",
            "Allow any server to save the snapshot from its own state, even if it is not the leader.");
        var file = new Argument<string[]>("file") { Arity = ArgumentArity.ZeroOrMore, Description = "The file to write the snapshot to." };
        var command = connection.AddTo(new Command("save", "Saves snapshot of Parley server state") { stale, file });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var files = parseResult.GetValue(file) ?? [];
            if (files.Length != 1)
            {
                context.Error.WriteLine("Missing FILE argument");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            // Written next to the target first, so a failed save never leaves a half file under the real name.
            var path = files[0];
            var partial = path + ".part";
            ulong index;
            try
            {
                var output = File.Create(partial);
                await using (output)
                {
                    index = await client.Snapshot.SaveAsync(
                        output,
                        new QueryOptions { Stale = parseResult.GetValue(stale) },
                        cancellationToken);
                }
            }
            catch (Exception exception)
                when (ClientErrors.IsReportable(exception) || exception is IOException or UnauthorizedAccessException)
            {
                TryDelete(partial);
                context.Error.WriteLine($"Error saving snapshot: {exception.Message}");
                return 1;
            }

            try
            {
                await SnapshotFile.VerifyAsync(partial, cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                TryDelete(partial);
                context.Error.WriteLine($"Error verifying snapshot file: {exception.Message}");
                return 1;
            }

            File.Move(partial, path, overwrite: true);
            context.Out.WriteLine($"Saved and verified snapshot to index {index}");
            return 0;
        });
        return command;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leaving a .part file behind is harmless.
        }
    }
}
