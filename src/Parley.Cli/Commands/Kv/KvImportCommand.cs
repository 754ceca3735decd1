using System.CommandLine;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Kv;

/// <summary><c>parley kv import [DATA|@file|-]</c>: writes the pairs <c>kv export</c> printed.</summary>
internal static class KvImportCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var arguments = new Argument<string[]>("data") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(new Command("import", "Imports a tree stored as JSON to the KV store") { arguments });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = parseResult.GetValue(arguments) ?? [];
            string data;
            try
            {
                data = args switch
                {
                    [] => throw new ArgumentException("Missing arguments"),
                    [['@', .. var path]] => File.ReadAllText(path),
                    ["-"] => context.In.ReadToEnd(),
                    [var inline] => inline,
                    _ => throw new ArgumentException($"Too many arguments (expected 1, got {args.Length})"),
                };
            }
            catch (ArgumentException exception)
            {
                context.Error.WriteLine($"Error! {exception.Message}");
                return 1;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"Error! Failed to read file: {exception.Message}");
                return 1;
            }

            List<KvExportEntry> entries;
            try
            {
                entries = JsonSerializer.Deserialize<List<KvExportEntry>>(data) ?? [];
            }
            catch (JsonException exception)
            {
                context.Error.WriteLine($"Cannot unmarshal data: {exception.Message}");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            foreach (var entry in entries)
            {
                byte[] value;
                try
                {
                    value = Convert.FromBase64String(entry.Value ?? "");
                }
                catch (FormatException exception)
                {
                    context.Error.WriteLine($"Error base 64 decoding value for key {entry.Key}: {exception.Message}");
                    return 1;
                }

                try
                {
                    await client.KV.PutAsync(
                        new KVPair { Key = entry.Key, Flags = entry.Flags, Value = value },
                        cancellationToken: cancellationToken);
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Error! Failed writing data for key {entry.Key}: {exception.Message}");
                    return 1;
                }

                context.Out.WriteLine($"Imported: {entry.Key}");
            }

            return 0;
        });
        return command;
    }
}
