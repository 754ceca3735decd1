using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Mesh.Ca;

/// <summary>
/// Initialises the Connect CA when this server is leader and none exists: the configuration from the agent's
/// <c>connect { ca_config }</c> over Consul's defaults, and a root of the configured key type (or the operator's key
/// and certificate) with the configured cluster id, or a new one; written with check-and-set so two leaders never race.
/// </summary>
public sealed class ConnectCaInitializer(
    IReplicator replicator,
    StateStore store,
    IOptions<ConnectCaOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectCaInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested && store.Current.GetSystemValue(ConnectCa.StateKey) is null)
        {
            try
            {
                if (replicator.Status.IsLeader)
                {
                    var config = CaConfiguration.Initial(options.Value.CaConfig);
                    using var ca = CaRootFactory.Create(CaProviderConfig.Parse(config.Config), options.Value.ClusterId, timeProvider);
                    var result = await replicator.ApplyAsync(
                        new SetSystemValue(ConnectCa.StateKey, ConnectCa.ToState(ca.Root, config), Cas: 0),
                        stoppingToken);
                    if (result.Value is true)
                    {
                        logger.CaInitialized(ca.TrustDomain);
                    }

                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NoLeaderException or InvalidOperationException)
            {
                logger.CaInitializationDeferred(e.Message);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }
}
