using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// <c>parley intention create [-allow|-deny] [-replace] [-meta k=v] [-source-peer PEER] SRC DST</c> and
/// <c>-file FILE...</c>, with Consul's flags, texts and exit codes.
/// </summary>
/// <remarks>
/// An intention with <c>-meta</c> is created as Consul's CLI does, through the legacy <c>POST</c> (the meta is kept on
/// that source, with an ID); any other goes through <c>PUT /exact</c> into the destination's <c>service-intentions</c>
/// entry, so it works on entries the UI or <c>config write</c> made and for peer sources, which Consul's CLI refuses.
/// An existing intention is refused unless <c>-replace</c> is given; <c>-replace</c> overwrites it (keeping its ID when
/// it has one) and prints nothing, as Consul's does.
/// </remarks>
internal static class CreateIntentionCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var allow = CliOptions.Create<bool>("allow", "Create an intention that allows when matched.");
        var deny = CliOptions.Create<bool>("deny", "Create an intention that denies when matched.");
        var file = CliOptions.Create<bool>("file", "Read intention data from one or more files.");
        var replace = CliOptions.Create<bool>("replace", "Replace matching intentions.");
        var meta =
            CliOptions.Repeatable("meta",
            "Metadata to set on the intention," +
            " formatted as key=value. This flag may be specified multiple times to set multiple meta fields.", "key=value");
        var sourcePeer = CliOptions.Create<string>(
            "source-peer",
            "The peer the source service lives in (Parley; Consul's CLI refuses peers).",
            "PEER");
        var arguments = new Argument<string[]>("SRC DST") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(new Command("create", "Create intentions for service connections.")
        {
            allow, deny, file, replace, meta, sourcePeer, arguments,
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(allow) && parseResult.GetValue(deny))
            {
                context.Error.WriteLine("Only one of -allow or -deny may be specified.");
                return 1;
            }

            var metaMap = KeyValueFlags.ParseMap(parseResult.GetValue(meta), "meta", context);
            if (metaMap is null)
            {
                return 1;
            }

            var action = parseResult.GetValue(deny) ? "deny" : "allow";
            var args = parseResult.GetValue(arguments) ?? [];
            var planned = parseResult.GetValue(file)
                ? FromFiles(args, context)
                : FromArgs(args, action, metaMap, parseResult.GetValue(sourcePeer), context);
            if (planned is null)
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            foreach (var intention in planned)
            {
                if (!await WriteAsync(client, intention, parseResult.GetValue(replace), context, cancellationToken))
                {
                    return 1;
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task<bool> WriteAsync(
        ParleyClient client,
        Planned intention,
        bool replace,
        CliContext context,
        CancellationToken cancellationToken)
    {
        var (body, source, destination) = intention;
        JsonObject? existing;
        try
        {
            existing = await client.Intentions.GetExactAsync(source, destination, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (ClientErrors.IsReportable(exception))
        {
            context.Error.WriteLine(
                $"Error looking up intention for replacement with source \"{source}\" and destination \"{destination}\":" +
                $" {exception.Message}");
            return false;
        }

        var hasMeta = body["Meta"] is JsonObject { Count: > 0 };
        if (existing is not null && !replace)
        {
            context.Error.WriteLine(
                $"Error creating intention \"{IntentionTarget.Describe(body)}\":" +
                    $" an intention from {source} to {destination} already exists; use -replace to replace it");
            return false;
        }

        try
        {
            if (existing is not null)
            {
                // Consul's -replace updates the found intention by its ID; one written as a config entry has none.
                if ((string?)existing["ID"] is { Length: > 0 } id)
                {
                    await client.Intentions.UpdateAsync(id, body, cancellationToken: cancellationToken);
                }
                else
                {
                    await client.Intentions.UpsertExactAsync(source, destination, body, cancellationToken: cancellationToken);
                }

                return true;
            }
        }
        catch (Exception exception) when (ClientErrors.IsReportable(exception))
        {
            context.Error.WriteLine(
                $"Error replacing intention with source \"{source}\" and destination \"{destination}\": {exception.Message}");
            return false;
        }

        try
        {
            if (hasMeta)
            {
                await client.Intentions.CreateAsync(body, cancellationToken: cancellationToken);
            }
            else
            {
                await client.Intentions.UpsertExactAsync(source, destination, body, cancellationToken: cancellationToken);
            }
        }
        catch (Exception exception) when (ClientErrors.IsReportable(exception))
        {
            context.Error.WriteLine($"Error creating intention \"{IntentionTarget.Describe(body)}\": {exception.Message}");
            return false;
        }

        context.Out.WriteLine($"Created: {IntentionTarget.Describe(body)}");
        return true;
    }

    private static List<Planned>? FromArgs(
        string[] args, string action, Dictionary<string, string> meta, string? sourcePeer, CliContext context)
    {
        if (args.Length != 2)
        {
            context.Error.WriteLine("Error: Must specify two arguments: source and destination");
            return null;
        }

        var source = IntentionTarget.Source(args[0], sourcePeer, context);
        if (source is null)
        {
            return null;
        }

        var body = new JsonObject { ["SourceType"] = "consul", ["Action"] = action, ["DestinationName"] = args[1] };
        SetSource(body, source);
        if (meta.Count > 0)
        {
            body["Meta"] = new JsonObject(meta.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value)));
        }

        return [new Planned(body, source, args[1])];
    }

    private static List<Planned>? FromFiles(string[] paths, CliContext context)
    {
        var planned = new List<Planned>();
        foreach (var path in paths)
        {
            JsonObject body;
            try
            {
                body = JsonNode.Parse(DocumentInput.ReadText(path == "-" ? path : context.Resolve(path), context)) as JsonObject
                    ?? throw new JsonException("the file does not hold a JSON object");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                context.Error.WriteLine($"Error: {e.Message}");
                return null;
            }

            if (body["Permissions"] is JsonArray { Count: > 0 })
            {
                context.Error.WriteLine(
                    $"Error: cannot create L7 intention from file \"{path}\" using this CLI; use 'parley config write' instead");
                return null;
            }

            var name = (string?)body["SourceName"] ?? "";
            if (name.Length == 0 || (string?)body["DestinationName"] is not { Length: > 0 })
            {
                context.Error.WriteLine($"Error: the intention in \"{path}\" needs a SourceName and a DestinationName");
                return null;
            }

            var source = (string?)body["SourcePeer"] is { Length: > 0 } peer ? $"peer:{peer}/{name}" : name;
            planned.Add(new Planned(body, source, (string?)body["DestinationName"] ?? ""));
        }

        return planned;
    }

    // The body's source fields from the API form of the source.
    private static void SetSource(JsonObject body, string source)
    {
        if (source.StartsWith("peer:", StringComparison.Ordinal))
        {
            var slash = source.IndexOf('/', StringComparison.Ordinal);
            body["SourcePeer"] = source[5..slash];
            body["SourceName"] = source[(slash + 1)..];
        }
        else
        {
            body["SourceName"] = source.Split('/')[^1];
        }
    }

    private sealed record Planned(JsonObject Body, string Source, string Destination);
}
