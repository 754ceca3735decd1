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
        var connection = new ConnectionOptions();
        var sourcePeer = CliOptions.Create<string>("source-peer", "The peer the source service lives in (Parley).", "PEER");
        var arguments = new Argument<string[]>("SRC DST | ID") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(new Command("delete", "Delete an intention.") { sourcePeer, arguments });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = parseResult.GetValue(arguments) ?? [];
            if (args.Length is not (1 or 2))
            {
                context.Error.WriteLine("command requires exactly 1 or 2 arguments");
                return 1;
            }

            var source = args.Length == 2 ? IntentionTarget.Source(args[0], parseResult.GetValue(sourcePeer), context) : "";
            if (source is null)
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                if (args.Length == 1)
                {
                    await client.Intentions.DeleteAsync(args[0], cancellationToken: cancellationToken);
                }
                else
                {
                    await client.Intentions.DeleteExactAsync(source, args[1], cancellationToken: cancellationToken);
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
