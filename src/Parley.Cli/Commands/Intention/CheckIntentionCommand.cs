using System.CommandLine;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// <c>parley intention check SRC DST</c>: prints <c>Allowed</c> (exit 0) or <c>Denied</c> (exit 1); errors exit 2,
/// as Consul's does, so scripts can tell a denial from a failure. The source may be a peer's service (<c>PEER/name</c>,
/// <c>peer:PEER/name</c> or <c>-source-peer</c>).
/// </summary>
internal static class CheckIntentionCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var services = new Argument<string[]>("SRC DST")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "The source and destination service names.",
        };
        var sourcePeer = CliOptions.Create<string>("source-peer", "The peer the source service lives in (Parley).", "PEER");
        var command = connection.AddTo(
            new Command("check", "Check whether a connection between two services is allowed.") { sourcePeer, services });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var names = parseResult.GetValue(services) ?? [];
            if (names.Length != 2)
            {
                context.Error.WriteLine("Error: command requires exactly two arguments: src and dst");
                return 2;
            }

            // A peer's caller is asked about as `peer:PEER/name`, which the agent's check takes.
            var source = IntentionTarget.Source(names[0], parseResult.GetValue(sourcePeer), context);
            if (source is null)
            {
                return 2;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 2;
            }

            bool allowed;
            try
            {
                allowed = await client.Intentions.CheckAsync(source, names[1], cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error checking the connection: {exception.Message}");
                return 2;
            }

            context.Out.WriteLine(allowed ? "Allowed" : "Denied");
            return allowed ? 0 : 1;
        });
        return command;
    }
}
