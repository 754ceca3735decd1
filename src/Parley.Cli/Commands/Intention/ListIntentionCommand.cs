using System.CommandLine;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// <c>parley intention list</c>: Consul's table (<c>ID Source Action Destination Precedence</c>), a peer's source as
/// <c>peer:PEER/name</c>; no intentions is exit 2 with <c>There are no intentions.</c>, as Consul's.
/// </summary>
internal static class ListIntentionCommand
{
    private static readonly string[] Header = ["ID", "Source", "Action", "Destination", "Precedence"];

    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("list", "List connect intentions"));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            IReadOnlyList<System.Text.Json.Nodes.JsonObject> intentions;
            try
            {
                intentions = await client.Intentions.ListAsync(cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Failed to retrieve the intentions list: {exception.Message}");
                return 1;
            }

            if (intentions.Count == 0)
            {
                context.Error.WriteLine("There are no intentions.");
                return 2;
            }

            var rows = new List<IReadOnlyList<string>> { Header };
            rows.AddRange(intentions.Select(i => (IReadOnlyList<string>)
            [
                (string?)i["ID"] ?? "",
                IntentionTarget.SourceOf(i),
                (string?)i["Action"] ?? "",
                IntentionTarget.DestinationOf(i),
                i["Precedence"]?.ToString() ?? "0",
            ]));
            context.Out.WriteLine(TextTable.Format(rows));
            return 0;
        });
        return command;
    }
}
