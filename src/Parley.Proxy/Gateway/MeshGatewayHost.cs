using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.Proxy.Config;
using Parley.Proxy.Hosting;

namespace Parley.Proxy.Gateway;

/// <summary>
/// A mesh gateway process: the config source watching the agent and the data plane serving what it publishes, until
/// stopped. What <c>parley connect proxy -gateway mesh</c> runs once the gateway service is registered.
/// </summary>
public static class MeshGatewayHost
{
    /// <summary>Serves the gateway registered as <paramref name="gatewayId"/> until <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="client">The local agent.</param>
    /// <param name="gatewayId">The gateway service's registration ID.</param>
    /// <param name="loggerFactory">Where the gateway logs.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Stops the gateway: the listener closes after a short drain.</param>
    public static async Task RunAsync(
        ParleyClient client, string gatewayId, ILoggerFactory loggerFactory, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(gatewayId);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var feed = new SnapshotFeed<GatewaySnapshot>();
        using var services = new DataPlaneServices(loggerFactory, timeProvider);
        await using var gateway = new MeshGateway(feed, services);
        var source = new GatewayConfigSource(
            new ClientGatewayReads(client), gatewayId, new WatchOptions(), timeProvider, loggerFactory.CreateLogger<GatewayConfigSource>());
        var serving = gateway.RunAsync(cancellationToken);
        try
        {
            await source.RunAsync(feed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            feed.Complete();
            await serving.ConfigureAwait(false);
        }
    }
}
