using System.CommandLine;
using System.Text;
using Parley.Client;

namespace Parley.Cli.Commands.Kv;

/// <summary>
/// <c>parley kv put [-cas -modify-index N] [-flags N] [-acquire|-release -session S] [-base64] KEY [DATA|@file|-]</c>.
/// </summary>
internal static class KvPutCommand
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
        var flags =
            CliOptions.Create<ulong>("flags",
            "Unsigned integer value to assign to this key-value pair. This value is not read by Consul," +
            " so clients can use this value however makes sense for their use case. The default value is 0 (no flags).");
        var base64 = CliOptions.Create<bool>("base64", "Treat the data as base 64 encoded. The default value is false.");
        var acquire =
            CliOptions.Create<bool>("acquire",
            "Obtain a lock on the key. If the key does not exist," +
            " this operation will create the key and obtain the lock. The session must already exist and be specified via the " +
            "-session flag. The default value is false.");
        var release =
            CliOptions.Create<bool>("release",
            "Forfeit the lock on the key at the given path. This requires the -session flag to be set. The key must be held by the " +
            "session in order to be unlocked. The default value is false.");
        var session =
            CliOptions.Create<string>("session",
            "User-defined identifer for this session as a string. This is commonly used with the -acquire and -release operations to " +
            "build robust locking, but it can be set on any key. The default value is empty (no session).");
        var arguments = new Argument<string[]>("key") { Arity = ArgumentArity.ZeroOrMore };
        var command =
            connection.AddTo(
            new Command("put", "Sets or updates data in the KV store") { cas, modifyIndex, flags, base64, acquire, release, session,
            arguments });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (key, data) = DataFromArgs(parseResult.GetValue(arguments) ?? [], context);
            if (key is null)
            {
                return 1;
            }

            var value = Encoding.UTF8.GetBytes(data);
            if (parseResult.GetValue(base64))
            {
                try
                {
                    value = Convert.FromBase64String(data);
                }
                catch (FormatException exception)
                {
                    context.Error.WriteLine($"Error! Cannot base 64 decode data: {exception.Message}");
                    return 1;
                }
            }

            var (useCas, index, sessionId) =
                (parseResult.GetValue(cas), parseResult.GetValue(modifyIndex), parseResult.GetValue(session) ?? "");
            var (lockIt, unlockIt) = (parseResult.GetValue(acquire), parseResult.GetValue(release));
            if ((lockIt || unlockIt) && sessionId.Length == 0)
            {
                context.Error.WriteLine("Error! Missing -session (required with -acquire and -release)");
                return 1;
            }

            if (useCas && index == 0)
            {
                context.Error.WriteLine("Must specify -modify-index with -cas!");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            var pair = new KVPair
            {
                Key = key,
                ModifyIndex = index,
                Flags = parseResult.GetValue(flags),
                Value = value,
                Session = sessionId.Length > 0 ? sessionId : null,
            };
            try
            {
                if (useCas)
                {
                    return Report(await client.KV.CasAsync(pair, cancellationToken: cancellationToken),
                        $"Success! Data written to: {key}", $"Error! Did not write to {key}: CAS failed", context);
                }

                if (lockIt)
                {
                    return Report(await client.KV.AcquireAsync(pair, cancellationToken: cancellationToken),
                        $"Success! Lock acquired on: {key}", "Error! Did not acquire lock", context);
                }

                if (unlockIt)
                {
                    return Report(await client.KV.ReleaseAsync(pair, cancellationToken: cancellationToken),
                        $"Success! Lock released on: {key}", "Error! Did not release lock", context);
                }

                await client.KV.PutAsync(pair, cancellationToken: cancellationToken);
                context.Out.WriteLine($"Success! Data written to: {key}");
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine(
                    useCas ? $"Error! Did not write to {key}: {exception.Message}" : $"Error! Failed writing data: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int Report(bool done, string success, string failure, CliContext context)
    {
        (done ? context.Out : context.Error).WriteLine(done ? success : failure);
        return done ? 0 : 1;
    }

    /// <summary>Consul's <c>dataFromArgs</c>: KEY, then the data inline, <c>@file</c>, or <c>-</c> for standard input.</summary>
    private static (string? Key, string Data) DataFromArgs(string[] args, CliContext context)
    {
        switch (args.Length)
        {
            case 0:
                context.Error.WriteLine("Error! Missing KEY argument");
                return (null, "");
            case 1:
                return (args[0], "");
            case > 2:
                context.Error.WriteLine($"Error! Too many arguments (expected 1 or 2, got {args.Length})");
                return (null, "");
        }

        var (key, data) = (args[0], args[1]);
        try
        {
            return data switch
            {
                ['@', .. var path] => (key, File.ReadAllText(path)),
                "-" => (key, context.In.ReadToEnd()),
                _ => (key, data),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"Error! Failed to read file: {exception.Message}");
            return (null, "");
        }
    }
}
