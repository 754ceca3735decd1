using System.CommandLine;

namespace Parley.Cli.Commands.Kv;

/// <summary><c>parley kv delete [-recurse] [-cas -modify-index N] KEY_OR_PREFIX</c>.</summary>
internal static class KvDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var cas =
            CliOptions.Create<bool>("cas",
            "Perform a Check-And-Set operation. Specifying this value also requires the -modify-index flag to be set. The default " +
            "value is false.");
        var modifyIndex = CliOptions.Create<ulong>(
            "modify-index",
            "Unsigned integer representing the ModifyIndex of the key. This is used in combination with the -cas flag.");
        var recurse = CliOptions.Create<bool>("recurse", "Recursively delete all keys with the path. The default value is false.");
        var arguments = new Argument<string[]>("key") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(new Command("delete", "Removes data from the KV store") { cas, modifyIndex, recurse, arguments });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = parseResult.GetValue(arguments) ?? [];
            if (args.Length > 1)
            {
                context.Error.WriteLine($"Too many arguments (expected 1, got {args.Length})");
                return 1;
            }

            var key = KvFormat.Key(args.FirstOrDefault());
            var (useCas, index, tree) = (parseResult.GetValue(cas), parseResult.GetValue(modifyIndex), parseResult.GetValue(recurse));
            if (key.Length == 0 && !tree)
            {
                context.Error.WriteLine("Error! Missing KEY argument");
                return 1;
            }

            if (useCas && index == 0)
            {
                context.Error.WriteLine("Must specify -modify-index with -cas!");
                return 1;
            }

            if (index != 0 && !useCas)
            {
                context.Error.WriteLine("Cannot specify -modify-index without -cas!");
                return 1;
            }

            if (tree && useCas)
            {
                context.Error.WriteLine("Cannot specify both -cas and -recurse!");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                if (tree)
                {
                    await client.KV.DeleteTreeAsync(key, cancellationToken: cancellationToken);
                    context.Out.WriteLine($"Success! Deleted keys with prefix: {key}");
                    return 0;
                }

                if (useCas && !await client.KV.DeleteCasAsync(key, index, cancellationToken: cancellationToken))
                {
                    context.Error.WriteLine($"Error! Did not delete key {key}: CAS failed");
                    return 1;
                }

                if (!useCas)
                {
                    await client.KV.DeleteAsync(key, cancellationToken: cancellationToken);
                }

                context.Out.WriteLine($"Success! Deleted key: {key}");
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine(tree ? $"Error! Did not delete prefix {key}: {exception.Message}"
                    : useCas ? $"Error! Did not delete key {key}: {exception.Message}"
                    : $"Error deleting key {key}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
