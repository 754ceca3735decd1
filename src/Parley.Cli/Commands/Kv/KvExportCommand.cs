using System.CommandLine;
using System.Text.Json;

namespace Parley.Cli.Commands.Kv;

/// <summary><c>parley kv export [PREFIX]</c>: every pair under the prefix as JSON that <c>kv import</c> reads back.</summary>
internal static class KvExportCommand
{
    // Go's json.MarshalIndent(v, "", "\t").
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1 };

    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var arguments = new Argument<string[]>("prefix") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(new Command("export", "Exports a tree from the KV store as JSON") { arguments });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = parseResult.GetValue(arguments) ?? [];
            if (args.Length > 1)
            {
                context.Error.WriteLine($"Too many arguments (expected 1, got {args.Length})");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                var pairs = (await client.KV.ListAsync(KvFormat.Key(args.FirstOrDefault()), cancellationToken: cancellationToken)).Value;
                var entries = pairs.Select(p => new KvExportEntry(p.Key, p.Flags, Convert.ToBase64String(p.Value ?? []))).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(entries, Json));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error querying Consul agent: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
