using System.CommandLine;

namespace Parley.Cli.Commands.Kv;

/// <summary><c>parley kv get [-recurse] [-keys] [-separator S] [-detailed] [-base64] [KEY_OR_PREFIX]</c>.</summary>
internal static class KvGetCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var base64 = CliOptions.Create<bool>("base64", "Base64 encode the value. The default value is false.");
        var detailed =
            CliOptions.Create<bool>("detailed",
            "Provide additional metadata about the key in addition to the value such as the ModifyIndex and any flags that may have " +
            "been set on the key. The default value is false.");
        var keys =
            CliOptions.Create<bool>("keys",
            "List keys which start with the given prefix," +
            " but not their values. This is especially useful if you only need the key names themselves. This option is commonly " +
            "combined with the -separator option. The default value is false.");
        var recurse = CliOptions.Create<bool>(
            "recurse",
            "Recursively look at all keys prefixed with the given path. The default value is false.");
        var separator =
            CliOptions.Create<string>("separator",
            "String to use as a separator between keys. The default value is \"/\"," +
            " but this option is only taken into account when paired with the -keys flag.");
        separator.DefaultValueFactory = _ => "/";
        var arguments = new Argument<string[]>("key") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(
            new Command("get", "Retrieves or lists data from the KV store") { base64, detailed, keys, recurse, separator, arguments });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = parseResult.GetValue(arguments) ?? [];
            if (args.Length > 1)
            {
                context.Error.WriteLine($"Too many arguments (expected 1, got {args.Length})");
                return 1;
            }

            var key = KvFormat.Key(args.FirstOrDefault());
            var (listKeys, listAll, asBase64, showDetails) =
                (parseResult.GetValue(keys), parseResult.GetValue(recurse), parseResult.GetValue(base64), parseResult.GetValue(detailed));
            if (key.Length == 0 && !(listKeys || listAll))
            {
                context.Error.WriteLine("Error! Missing KEY argument");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                if (listKeys)
                {
                    foreach (
                        var k in (await client.KV.KeysAsync(key, parseResult.GetValue(separator), cancellationToken: cancellationToken))
                        .Value)
                    {
                        context.Out.WriteLine(k);
                    }

                    return 0;
                }

                if (listAll)
                {
                    var pairs = (await client.KV.ListAsync(key, cancellationToken: cancellationToken)).Value;
                    for (var i = 0; i < pairs.Count; i++)
                    {
                        if (showDetails)
                        {
                            context.Out.WriteLine(KvFormat.Detailed(pairs[i], asBase64));
                            if (i < pairs.Count - 1)
                            {
                                context.Out.WriteLine();
                            }
                        }
                        else
                        {
                            context.Out.WriteLine($"{pairs[i].Key}:{KvFormat.Value(pairs[i], asBase64)}");
                        }
                    }

                    return 0;
                }

                if ((await client.KV.GetAsync(key, cancellationToken: cancellationToken)).Value is not { } pair)
                {
                    context.Error.WriteLine($"Error! No key exists at: {key}");
                    return 1;
                }

                context.Out.WriteLine(showDetails ? KvFormat.Detailed(pair, asBase64) : KvFormat.Value(pair, asBase64));
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
