using System.CommandLine;
using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.Proxy.Gateway;
using ServiceKinds = Parley.Core.Catalog.ServiceKinds;

namespace Parley.Cli.Commands.Connect;

/// <summary>
/// <c>parley connect proxy -gateway mesh [-register] [-service S] [-address host:port] [-wan-address host:port]
/// [-proxy-id ID]</c>: registers the mesh gateway service if asked (as <c>consul connect envoy -gateway mesh
/// -register</c> does: same ID each time, so a restart re-registers it), then serves it until stopped. Like Consul,
/// nothing is deregistered on exit: the registration's TCP check turns critical and, after
/// <c>-deregister-after-critical</c> (6h), the agent removes it.
/// </summary>
internal static class GatewayProxy
{
    /// <summary>Runs the gateway mode; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        ParseResult parseResult, GatewayFlags flags, ConnectProxyFlags proxyFlags, LogLevel level, ConnectionOptions connection,
            CliContext context,
        CancellationToken cancellationToken)
    {
        var gateway = parseResult.GetValue(flags.Gateway) ?? "";
        if (gateway is not ("mesh" or "terminating" or "ingress" or "api"))
        {
            context.Error.WriteLine("Gateway must be one of: api, terminating, mesh, or ingress");
            return 1;
        }

        if (gateway != "mesh")
        {
            context.Error.WriteLine($"The built-in proxy runs mesh gateways only; a {gateway} gateway is not supported");
            return 1;
        }

        var serviceName = parseResult.GetValue(flags.Service) is { Length: > 0 } named ? named : ServiceKinds.MeshGateway;
        using var client = connection.TryCreateClient(parseResult, context);
        if (client is null)
        {
            return 1;
        }

        var proxyId = proxyFlags.ProxyId(parseResult, context);
        var register = parseResult.GetValue(flags.Register);
        if (proxyId.Length == 0)
        {
            if (register)
            {
                proxyId = serviceName;
            }
            else if (await LookupGatewayAsync(client, context, cancellationToken) is { } found)
            {
                proxyId = found;
            }
            else
            {
                return 1;
            }
        }

        if (register && !await RegisterAsync(parseResult, flags, client, serviceName, proxyId, context, cancellationToken))
        {
            return 1;
        }

        using var loggerFactory = ConnectProxyCommand.CreateLoggerFactory(level);
        context.Out.WriteLine("==> Parley mesh gateway running!");
        context.Out.WriteLine($"          Proxy ID: {proxyId}");
        try
        {
            await MeshGatewayHost.RunAsync(client, proxyId, loggerFactory, TimeProvider.System, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM.
        }

        return 0;
    }

    // Consul's LookupGatewayProxy: the one gateway of the kind registered with this agent.
    private static async Task<string?> LookupGatewayAsync(ParleyClient client, CliContext context, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, AgentService> services;
        try
        {
            services = await client.Agent.ServicesAsync(
                new QueryOptions { Filter = $"Kind == `{ServiceKinds.MeshGateway}`" },
                cancellationToken);
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            context.Error.WriteLine($"Failed looking up {ServiceKinds.MeshGateway} instances: {e.Message}");
            return null;
        }

        var gateways = services.Values.Where(s => s.Kind == ServiceKinds.MeshGateway).ToList();
        switch (gateways.Count)
        {
            case 0:
                context.Error.WriteLine($"No {ServiceKinds.MeshGateway} services registered with this agent");
                return null;
            case 1:
                return gateways[0].ID;
            default:
                context.Error.WriteLine(
                    $"Cannot lookup the {ServiceKinds.MeshGateway}'s proxy ID because multiple are registered with the agent");
                return null;
        }
    }

    private static async Task<bool> RegisterAsync(
        ParseResult parseResult, GatewayFlags flags, ParleyClient client, string serviceName, string proxyId, CliContext context,
        CancellationToken cancellationToken)
    {
        var lan = new ServiceAddress { Port = GatewayAddress.DefaultPort };
        if (parseResult.GetValue(flags.Address) is { Length: > 0 } rawLan && !TryAddress(rawLan, out lan, context))
        {
            return false;
        }

        // Consul leaves the WAN tagged address out when not given; the peers then use the service address
        // (BestAddress), so writing it out as the LAN one is the same, and visible.
        var wan = lan;
        if (parseResult.GetValue(flags.WanAddress) is { Length: > 0 } rawWan && !TryAddress(rawWan, out wan, context))
        {
            return false;
        }

        var tagged = new Dictionary<string, ServiceAddress>();
        if (lan.Address.Length > 0)
        {
            tagged["lan"] = lan;
        }

        if (wan.Address.Length > 0)
        {
            tagged["wan"] = wan;
        }

        var checkAddress = lan.Address.Length > 0 ? lan.Address : "127.0.0.1";
        var registration = new AgentServiceRegistration
        {
            Kind = ServiceKinds.MeshGateway,
            Name = serviceName,
            ID = proxyId,
            Address = lan.Address,
            Port = lan.Port,
            TaggedAddresses = tagged.Count > 0 ? tagged : null,
            Check = new AgentServiceCheck
            {
                Name = $"{ServiceKinds.MeshGateway} listening",
                TCP = checkAddress.Contains(':', StringComparison.Ordinal) ? $"[{checkAddress}]:{lan.Port}" : $"{checkAddress}:{lan.Port}",
                Interval = "10s",
                DeregisterCriticalServiceAfter = parseResult.GetValue(flags.DeregisterAfterCritical),
            },
        };
        try
        {
            await client.Agent.ServiceRegisterAsync(registration, cancellationToken);
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            context.Error.WriteLine($"Error registering service \"{serviceName}\": {e.Message}");
            return false;
        }

        context.Out.WriteLine($"Registered service: {serviceName}");
        return true;
    }

    private static bool TryAddress(string raw, out ServiceAddress address, CliContext context)
    {
        if (GatewayAddress.TryParse(raw, out address, out var error))
        {
            return true;
        }

        context.Error.WriteLine(error);
        return false;
    }
}
