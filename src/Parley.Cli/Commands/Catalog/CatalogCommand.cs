using System.CommandLine;

namespace Parley.Cli.Commands.Catalog;

/// <summary><c>parley catalog</c>: datacenters, nodes and services of the catalog.</summary>
internal static class CatalogCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "catalog",
        "Interact with the catalog",
        CatalogDatacentersCommand.Create(context),
        CatalogNodesCommand.Create(context),
        CatalogServicesCommand.Create(context));
}
