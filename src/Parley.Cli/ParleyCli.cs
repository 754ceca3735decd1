using System.CommandLine;
using Parley.Cli.Commands;
using Parley.Cli.Commands.Acl;
using Parley.Cli.Commands.Catalog;
using Parley.Cli.Commands.Config;
using Parley.Cli.Commands.Connect;
using Parley.Cli.Commands.Intention;
using Parley.Cli.Commands.Kv;
using Parley.Cli.Commands.Lock;
using Parley.Cli.Commands.Operator;
using Parley.Cli.Commands.Peering;
using Parley.Cli.Commands.Services;
using Parley.Cli.Commands.Snapshot;
using Parley.Cli.Commands.Tls;

namespace Parley.Cli;

/// <summary>The <c>parley</c> command tree and its entry point.</summary>
internal static class ParleyCli
{
    // Consul's flags are single-dash words (-name, -http-addr); POSIX bundling would split unknown ones into letters,
    // and '@file' response files would swallow arguments Consul users pass verbatim.
    private static readonly ParserConfiguration ParserConfiguration = new()
    {
        EnablePosixBundling = false,
        ResponseFileTokenReplacer = null,
    };

    // The top-level commands by name, each built only when needed: building all of them (options, validators, the
    // types they touch) costs a short command such as `parley members` a large part of its start-up time.
    private static readonly (string Name, Func<CliContext, Command> Create)[] Commands =
    [
        ("agent", AgentCommand.Create),
        ("version", VersionCommand.Create),
        ("members", MembersCommand.Create),
        ("catalog", CatalogCommand.Create),
        ("services", ServicesCommand.Create),
        ("config", ConfigCommand.Create),
        ("intention", IntentionCommand.Create),
        ("connect", ConnectCommand.Create),
        ("peering", PeeringCommand.Create),
        ("operator", OperatorCommand.Create),
        ("snapshot", SnapshotCommand.Create),
        ("leave", LeaveCommand.Create),
        ("acl", AclCommand.Create),
        ("kv", KvCommand.Create),
        ("lock", LockCommand.Create),
        ("tls", TlsCommand.Create),
    ];

    /// <summary>Builds the whole command tree, writing through <paramref name="context"/>.</summary>
    public static RootCommand BuildRootCommand(CliContext context) => BuildRootCommand(context, _ => true);

    /// <summary>
    /// The tree a run of <paramref name="args"/> needs: when the first argument names a top-level command, the root with
    /// only that command (parsing, errors and help below it are the same); otherwise the whole tree, for the root's help
    /// and its "unrecognized command" error.
    /// </summary>
    internal static RootCommand BuildRootCommandFor(string[] args, CliContext context)
    {
        var first = args.Length > 0 ? args[0] : null;
        return Commands.Any(c => c.Name == first)
            ? BuildRootCommand(context, name => name == first)
            : BuildRootCommand(context);
    }

    private static RootCommand BuildRootCommand(CliContext context, Func<string, bool> include)
    {
        var root = new RootCommand(
            "Parley: a Consul-compatible service catalog and service-mesh control plane built around cluster peering.");
        foreach (var (name, create) in Commands)
        {
            if (include(name))
            {
                root.Subcommands.Add(create(context));
            }
        }

        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var parseResult = BuildRootCommandFor(args, context).Parse(args, ParserConfiguration);
        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            // The agent needs time to leave the cluster and flush its log after Ctrl+C or SIGTERM.
            ProcessTerminationTimeout = context.HandleTermination ? TimeSpan.FromSeconds(30) : null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
