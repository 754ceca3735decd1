using System.CommandLine;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// <c>parley intention delete SRC DST</c> (by name, through <c>DELETE /exact</c>; a peer source as for create) or
/// <c>delete ID</c> (a legacy intention), with Consul's texts and exit codes.
/// </summary>
internal static class DeleteIntentionCommand
{
    public static Command Create(CliContext context)
    {
        var selector = new IntentionSelector();
        var command = selector.AddTo(new Command("delete", "Delete an intention."));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var selected = selector.Bind(parseResult, context);
            if (selected is null)
            {
                return 1;
            }

            var client = selected.Client;

            try
            {
                if (selected.Id is not null)
                {
                    await client.Intentions.DeleteAsync(selected.Id, cancellationToken: cancellationToken);
                }
                else
                {
                    await client.Intentions.DeleteExactAsync(selected.Source, selected.Destination, cancellationToken: cancellationToken);
                }
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error deleting the intention: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine("Intention deleted.");
            return 0;
        });
        return command;
    }
}
