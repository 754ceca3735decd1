using System.CommandLine;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Services;

/// <summary>
/// The shape shared by <c>services exported-services</c> and <c>services imported-services</c>: fetch a list,
/// say when it is empty, print it as JSON or as a table whose columns depend on CE or Enterprise rows.
/// </summary>
internal static class ServiceListCommand
{
    /// <param name="context">The CLI's console and environment.</param>
    /// <param name="name">The command word, e.g. <c>exported-services</c>.</param>
    /// <param name="noun">Used in messages: <c>exported services</c>.</param>
    /// <param name="fetch">Reads the list through the client.</param>
    /// <param name="isEnterprise">Whether a row carries Enterprise fields (partition), which adds columns.</param>
    /// <param name="header">The table header, for CE or Enterprise rows.</param>
    /// <param name="row">One table row, for CE or Enterprise rows.</param>
    public static Command Create<T>(
        CliContext context,
        string name,
        string noun,
        Func<ParleyClient, QueryOptions, CancellationToken, Task<QueryResult<IReadOnlyList<T>>>> fetch,
        Func<T, bool> isEnterprise,
        Func<bool, IReadOnlyList<string>> header,
        Func<T, bool, IReadOnlyList<string>> row)
    {
        var connection = new ConnectionOptions();
        var format = CliOptions.Format();
        var filter = CliOptions.Create<string?>("filter", "Filter to use with the request");
        var command = connection.AddTo(new Command(name, $"Lists {noun}") { format, filter });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            IReadOnlyList<T> items;
            try
            {
                (items, _) = await fetch(client, new QueryOptions { Filter = parseResult.GetValue(filter) }, cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading {noun}: {exception.Message}");
                return 1;
            }

            if (items.Count == 0)
            {
                context.Out.WriteLine($"No {noun} found");
                return 0;
            }

            if (outputFormat == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(items, ParleyJson.Indented));
                return 0;
            }

            var enterprise = isEnterprise(items[0]);
            var table = new List<IReadOnlyList<string>> { header(enterprise) };
            table.AddRange(items.Select(item => row(item, enterprise)));
            context.Out.WriteLine(TextTable.Format(table));
            return 0;
        });
        return command;
    }
}
