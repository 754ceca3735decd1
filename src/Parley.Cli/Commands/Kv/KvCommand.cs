using System.CommandLine;

namespace Parley.Cli.Commands.Kv;

/// <summary><c>parley kv</c>: get, put, delete, export and import key/value data, as Consul's <c>consul kv</c>.</summary>
internal static class KvCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "kv",
        "Interact with the key-value store",
        KvGetCommand.Create(context),
        KvPutCommand.Create(context),
        KvDeleteCommand.Create(context),
        KvExportCommand.Create(context),
        KvImportCommand.Create(context));
}
