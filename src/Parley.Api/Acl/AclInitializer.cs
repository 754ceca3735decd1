using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Core.Acl;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary>
/// A leader's start with ACLs enabled: writes the built-in <c>global-management</c> policy and the anonymous token when
/// absent, and the configured <c>initial_management</c> token when no token has its secret (Consul's initializeACLs).
/// Writes once, on whichever server leads first; the command is idempotent, so two leaders racing write nothing twice.
/// </summary>
public sealed class AclInitializer(
    IReplicator replicator, StateStore store, AclOptions options, TimeProvider timeProvider, ILogger<AclInitializer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested && !Done(store.Current))
        {
            try
            {
                if (replicator.Status.IsLeader)
                {
                    var now = timeProvider.GetUtcNow();
                    var initial = options.InitialManagement.Length > 0
                        ? AclBuiltIns.ManagementToken(Guid.NewGuid().ToString(), options.InitialManagement, "Initial Management Token", now)
                        : null;
                    await replicator.ApplyAsync(
                        new InitializeAcl(AclBuiltIns.ManagementPolicy(), AclBuiltIns.AnonymousToken(now), initial),
                        stoppingToken);
                    logger.AclInitialized(initial is not null);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NoLeaderException or InvalidOperationException)
            {
                logger.AclInitializationDeferred(e.Message);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }

    private bool Done(StateSnapshot s) =>
        s.GetAclToken(AclIds.AnonymousTokenId) is not null
        && s.GetAclPolicy(AclIds.GlobalManagementPolicyId) is not null
        && (options.InitialManagement.Length == 0 || s.GetAclTokenBySecret(options.InitialManagement) is not null);
}
