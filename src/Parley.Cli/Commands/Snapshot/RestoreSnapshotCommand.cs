using System.CommandLine;

namespace Parley.Cli.Commands.Snapshot;

/// <summary><c>parley snapshot restore FILE</c>: replaces the servers' whole state with a saved snapshot.</summary>
internal static class RestoreSnapshotCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var file = new Argument<string[]>("file") { Arity = ArgumentArity.ZeroOrMore, Description = "The snapshot file to restore." };
        var command = connection.AddTo(new Command("restore", "Restores snapshot of Parley server state") { file });
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

            try
            {
                var input = File.OpenRead(files[0]);
                await using (input)
                {
                    // The servers check the archive's sums themselves and refuse a damaged one before changing anything.
                    await client.Snapshot.RestoreAsync(input, cancellationToken: cancellationToken);
                }
            }
            catch (Exception exception)
                when (ClientErrors.IsReportable(exception) || exception is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"Error restoring snapshot: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine("Restored snapshot");
            return 0;
        });
        return command;
    }
}
