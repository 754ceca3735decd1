using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// The list, read and delete commands of tokens, policies and roles: one shape each (connection flags, <c>-meta</c>,
/// <c>-format</c>, Consul's error lines), given what to call and how to print.
/// </summary>
internal static class AclCrudCommands
{
    /// <summary><c>list [-meta] [-format pretty|json]</c>; a failure prints <c>&lt;failure&gt;: &lt;error&gt;</c>.</summary>
    public static Command List<T>(
        CliContext context,
        string description,
        string metaHelp,
        Func<ParleyClient, CancellationToken, Task<QueryResult<IReadOnlyList<T>>>> list,
        Func<IReadOnlyList<T>, bool, string> pretty,
        string failure)
    {
        var connection = new ConnectionOptions();
        var meta = CliOptions.Create<bool>("meta", metaHelp);
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("list", description) { meta, format });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
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
                var (items, _) = await list(client, cancellationToken);
                context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(items) : pretty(items, parseResult.GetValue(meta)));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"{failure}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// <c>read -id ID | -name N [-meta] [-format pretty|json]</c>; a failure prints <c>Error reading &lt;noun&gt; "&lt;id&gt;": ...</c>.
    /// </summary>
    public static Command Read<T>(
        CliContext context,
        string noun,
        AclSelector selector,
        string metaHelp,
        Func<ParleyClient, string, CancellationToken, Task<QueryResult<T>>> read,
        Func<T, bool, string> pretty)
    {
        var connection = new ConnectionOptions();
        var meta = CliOptions.Create<bool>("meta", metaHelp);
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("read", $"Read an ACL {noun}") { meta, format });
        selector.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null || await selector.ResolveIdAsync(parseResult, client, context, cancellationToken) is not { } id)
            {
                return 1;
            }

            try
            {
                var (item, _) = await read(client, id, cancellationToken);
                context.Out.WriteLine(outputFormat == "json" ? AclFormat.Json(item) : pretty(item, parseResult.GetValue(meta)));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading {noun} \"{id}\": {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// <c>delete -id ID [| -name N]</c>: <c>&lt;Noun&gt; "&lt;id&gt;" deleted successfully</c>, or <c>Error deleting &lt;noun&gt;
    /// "&lt;id&gt;": ...</c>.
    /// </summary>
    public static Command Delete(
        CliContext context, string noun, AclSelector selector, Func<ParleyClient, string, CancellationToken, Task> delete)
    {
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("delete", $"Delete an ACL {noun}"));
        selector.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null || await selector.ResolveIdAsync(parseResult, client, context, cancellationToken) is not { } id)
            {
                return 1;
            }

            try
            {
                await delete(client, id, cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error deleting {noun} \"{id}\": {exception.Message}");
                return 1;
            }

            context.Out.WriteLine($"{char.ToUpperInvariant(noun[0])}{noun[1..]} \"{id}\" deleted successfully");
            return 0;
        });
        return command;
    }
}
