using System.CommandLine;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// <c>parley intention match [-source|-destination] NAME</c>: the intentions that apply, in evaluation order, one
/// <c>SRC =&gt; DST (action)</c> per line. With <c>-source</c> the name may be a peer's service (<c>PEER/name</c> or
/// <c>-source-peer</c>), answering what that peer's caller may reach.
/// </summary>
internal static class MatchIntentionCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var bySource = CliOptions.Create<bool>("source", "Match intentions with the given source.");
        var byDestination = CliOptions.Create<bool>("destination", "Match intentions with the given destination.");
        var sourcePeer = CliOptions.Create<string>("source-peer", "With -source: the peer the source service lives in (Parley).", "PEER");
        var arguments = new Argument<string[]>("SRC|DST") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(new Command("match", "Show intentions that match a source or destination.")
        {
            bySource, byDestination, sourcePeer, arguments,
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = parseResult.GetValue(arguments) ?? [];
            if (args.Length != 1)
            {
                context.Error.WriteLine("Error: command requires exactly one argument: src or dst");
                return 1;
            }

            var source = parseResult.GetValue(bySource);
            if (source && parseResult.GetValue(byDestination))
            {
                context.Error.WriteLine("Error: only one of -source or -destination may be specified");
                return 1;
            }

            var name = source ? IntentionTarget.Source(args[0], parseResult.GetValue(sourcePeer), context) : args[0];
            if (name is null)
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            System.Text.Json.Nodes.JsonObject matches;
            try
            {
                matches = await client.Intentions.MatchAsync(source, [name], cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error matching the connection: {exception.Message}");
                return 1;
            }

            foreach (var intention in matches[name]?.AsArray() ?? [])
            {
                if (intention is System.Text.Json.Nodes.JsonObject found)
                {
                    context.Out.WriteLine(IntentionTarget.Describe(found));
                }
            }

            return 0;
        });
        return command;
    }
}
