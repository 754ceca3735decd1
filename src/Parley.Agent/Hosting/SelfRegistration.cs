using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Api;
using Parley.Api.Agent;
using Parley.Consensus;
using Parley.State;

namespace Parley.Agent.Hosting;

/// <summary>
/// Once a leader is known, writes this server's catalog entries (the <c>consul</c> service and the
/// <c>serfHealth</c> node check), which clients and peering tokens rely on.
/// </summary>
internal sealed class SelfRegistration(
    RaftReplicator replicator, IReplicator writer, AgentInfo agent, AgentReadiness readiness, TimeProvider timeProvider,
    ILogger<SelfRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await replicator.WaitForLeaderAsync(stoppingToken);
                var result = await writer.ApplyAsync(ServerService.RegisterCommand(agent), stoppingToken);
                result.ThrowIfRejected();
                logger.SelfRegistered(result.Index);
                readiness.MarkReady();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.SelfRegistrationFailed(e);
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeProvider, stoppingToken);
            }
        }
    }
}
