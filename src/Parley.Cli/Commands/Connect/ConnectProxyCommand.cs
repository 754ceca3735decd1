using System.CommandLine;
using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.Proxy.Config;
using Parley.Proxy.Hosting;

namespace Parley.Cli.Commands.Connect;

/// <summary>
/// <c>parley connect proxy</c>: Parley's built-in proxy, configured entirely from the agent and run until Ctrl+C or
/// SIGTERM. <c>-sidecar-for &lt;service-id&gt;</c> (or <c>-proxy-id &lt;id&gt;</c>) runs the sidecar of a registered
/// <c>connect-proxy</c>, as Consul's <c>consul connect proxy</c> does in its agent-configured mode (consul-mesh §8);
/// <c>-gateway mesh</c> runs a mesh gateway (<see cref="GatewayProxy"/>).
/// </summary>
internal static class ConnectProxyCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var flags = new ConnectProxyFlags();
        var gateway = new GatewayFlags();
        var command = connection.AddTo(gateway.AddTo(flags.AddTo(new Command("proxy", "Runs a Connect proxy or mesh gateway"))));
        command.SetAction(
            (parseResult, cancellationToken) => RunAsync(parseResult, flags, gateway, connection, context, cancellationToken));
        return command;
    }

    /// <summary>
    /// The console logger both modes write to, at <paramref name="level"/>; ASP.NET's and YARP's chatter only from warnings up.
    /// </summary>
    internal static ILoggerFactory CreateLoggerFactory(LogLevel level) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(level)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Yarp", LogLevel.Warning)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        }));

    private static async Task<int> RunAsync(
        ParseResult parseResult, ConnectProxyFlags flags, GatewayFlags gateway, ConnectionOptions connection, CliContext context,
        CancellationToken cancellationToken)
    {
        if (!flags.TryLogLevel(parseResult, out var level))
        {
            context.Error.WriteLine($"Invalid log level: {flags.RawLogLevel(parseResult)}");
            return 1;
        }

        if (parseResult.GetValue(gateway.Gateway) is { Length: > 0 })
        {
            return await GatewayProxy.RunAsync(parseResult, gateway, flags, level, connection, context, cancellationToken);
        }

        if (parseResult.GetValue(gateway.Register))
        {
            context.Error.WriteLine("Auto-Registration can only be used for gateways");
            return 1;
        }

        var sidecarFor = flags.SidecarFor(parseResult, context);
        var proxyId = flags.ProxyId(parseResult, context);
        if (sidecarFor.Length == 0 && proxyId.Length == 0)
        {
            context.Error.WriteLine("-service or -proxy-id must be specified so that proxy can configure itself.");
            return 1;
        }

        using var client = connection.TryCreateClient(parseResult, context);
        if (client is null)
        {
            return 1;
        }

        if (sidecarFor.Length > 0)
        {
            var (found, error) = await SidecarLookup.ProxyIdForAsync(client, sidecarFor, cancellationToken);
            if (found is null)
            {
                context.Error.WriteLine(error);
                return 1;
            }

            proxyId = found;
        }

        using var loggerFactory = CreateLoggerFactory(level);
        return await RunSidecarAsync(client, proxyId, loggerFactory, context, cancellationToken);
    }

    private static async Task<int> RunSidecarAsync(
        ParleyClient client, string proxyId, ILoggerFactory loggerFactory, CliContext context, CancellationToken cancellationToken)
    {
        using var services = new DataPlaneServices(loggerFactory, TimeProvider.System, DataPlaneOptions.FromEnvironment());
        var feed = new SnapshotFeed<ProxySnapshot>();
        var reads = new ClientAgentReads(client);
        bool defaultAllow;
        try
        {
            defaultAllow = await reads.IntentionDefaultAllowAsync(cancellationToken);
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            context.Error.WriteLine($"Failed to read the agent's configuration: {e.Message}");
            return 1;
        }

        var source = new ProxyConfigSource(
            reads, proxyId, new WatchOptions(), TimeProvider.System, loggerFactory.CreateLogger<ProxyConfigSource>(), defaultAllow);
        await using var proxy = new SidecarProxy(feed, services);
        context.Out.WriteLine("==> Parley Connect proxy starting...");
        context.Out.WriteLine($"          Proxy ID: {proxyId}");

        var dataPlane = proxy.RunAsync(cancellationToken);
        try
        {
            await source.RunAsync(feed, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM.
        }
        finally
        {
            feed.Complete();
            await dataPlane;
        }

        return 0;
    }
}
