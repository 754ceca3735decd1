using System.CommandLine;

namespace Parley.Cli.Commands.Catalog;

/// <summary><c>parley catalog datacenters</c>: one datacenter per line.</summary>
internal static class CatalogDatacentersCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("datacenters", "Lists all known datacenters"));
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                foreach (var datacenter in await client.Catalog.DatacentersAsync(cancellationToken))
                {
                    context.Out.WriteLine(datacenter);
                }

                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error listing datacenters: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
