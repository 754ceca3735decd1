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

    /// <summary>Builds the whole command tree, writing through <paramref name="context"/>.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "Parley: a Consul-compatible service catalog and service-mesh control plane built around cluster peering.")
        {
            AgentCommand.Create(context),
            VersionCommand.Create(context),
            MembersCommand.Create(context),
            CatalogCommand.Create(context),
            ServicesCommand.Create(context),
            ConfigCommand.Create(context),
            IntentionCommand.Create(context),
            ConnectCommand.Create(context),
            PeeringCommand.Create(context),
            OperatorCommand.Create(context),
            SnapshotCommand.Create(context),
            LeaveCommand.Create(context),
            AclCommand.Create(context),
            KvCommand.Create(context),
            LockCommand.Create(context),
            TlsCommand.Create(context),
        };
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var parseResult = BuildRootCommand(context).Parse(args, ParserConfiguration);
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
