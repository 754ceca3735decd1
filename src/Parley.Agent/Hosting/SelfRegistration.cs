using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Api;
using Parley.Api.Agent;
using Parley.Consensus;
using Parley.Mesh.Ca;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Agent.Hosting;

/// <summary>
/// Once a leader is known, writes this server's catalog entries (the <c>consul</c> service and the
/// <c>serfHealth</c> node check), which clients and peering tokens rely on. Then, while this server leads, deregisters
/// the node of every server that has left the Raft configuration (Consul's leader does the same for members that left),
/// so peering tokens and the addresses pushed to dialers stop naming it.
/// </summary>
/// <remarks>
/// A server counts as gone once this process has seen its server address among the voters and then no longer does
/// (<c>leave</c>, <c>remove-peer</c>); a killed server stays a voter and stays registered. A server that never was a
/// voter in this process's view is left alone, and so is a registration newer than the departure (a server rejoining).
/// </remarks>
internal sealed partial class SelfRegistration(
    RaftReplicator replicator,
    IReplicator writer,
    StateStore store,
    AgentInfo agent,
    AgentReadiness readiness,
    IOptions<ConnectCaOptions> connect,
    TimeProvider timeProvider,
    ILogger<SelfRegistration> logger) : BackgroundService
{
    /// <summary>How often the Raft configuration is re-read when the catalog does not change.</summary>
    private static readonly TimeSpan MembershipPoll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await RegisterAsync(stoppingToken) && agent.Server)
        {
            await DeregisterLeftServersAsync(stoppingToken);
        }
    }

    /// <summary>
    /// With Connect on, "ready" also means the leader has written the Connect CA, so a peering token or a leaf certificate
    /// can be had at once instead of answering "CA has not finished initializing".
    /// </summary>
    private async Task WaitForConnectCaAsync(CancellationToken stoppingToken)
    {
        if (!connect.Value.Enabled)
        {
            return;
        }

        while (true)
        {
            var changed = store.NextChange;
            if (store.Current.GetSystemValue(ConnectCa.StateKey) is not null)
            {
                return;
            }

            await changed.WaitAsync(stoppingToken);
        }
    }

    private async Task<bool> RegisterAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await replicator.WaitForLeaderAsync(stoppingToken);
                var result = await writer.ApplyAsync(ServerService.RegisterCommand(agent), stoppingToken);
                result.ThrowIfRejected();
                logger.SelfRegistered(result.Index);
                await WaitForConnectCaAsync(stoppingToken);
                readiness.MarkReady();
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                logger.SelfRegistrationFailed(e);
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeProvider, stoppingToken);
            }
        }

        return false;
    }

    private async Task DeregisterLeftServersAsync(CancellationToken stoppingToken)
    {
        var everVoters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var leftAt = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        Task? poll = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = store.NextChange;
                var snapshot = store.Current;
                var status = replicator.Status;
                if (status.Peers.Count > 0)
                {
                    foreach (var gone in everVoters.Except(status.Peers, StringComparer.OrdinalIgnoreCase))
                    {
                        leftAt.TryAdd(gone, snapshot.Index);
                    }

                    foreach (var voter in status.Peers)
                    {
                        leftAt.Remove(voter);
                        everVoters.Add(voter);
                    }
                }

                if (status.IsLeader)
                {
                    foreach (var (node, address) in LeftServers(snapshot, leftAt))
                    {
                        try
                        {
                            var result = await writer.ApplyAsync(new DeregisterCatalog(node, null, null), stoppingToken);
                            result.ThrowIfRejected();
                            Log.LeftServerDeregistered(logger, node, address);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            Log.LeftServerDeregistrationFailed(logger, node, e);
                        }
                    }
                }

                poll ??= Task.Delay(MembershipPoll, timeProvider, stoppingToken);
                await Task.WhenAny(changed, poll);
                if (poll.IsCompleted)
                {
                    poll = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The nodes whose <c>consul</c> instance names a server address that has left the voters and was registered before
    /// the departure was seen, with that address. A server rejoining through retry-join registers again while the leader
    /// is still catching it up (before it is a voter again); that newer registration is kept.
    /// </summary>
    /// <param name="snapshot">The catalog.</param>
    /// <param name="leftAt">Server addresses that were voters and are no longer, with the catalog index when that was seen.</param>
    internal static List<(string Node, string Address)> LeftServers(StateSnapshot snapshot, IReadOnlyDictionary<string, long> leftAt)
    {
        var left = new List<(string Node, string Address)>();
        if (leftAt.Count == 0)
        {
            return left;
        }

        foreach (var row in snapshot.CheckServiceNodes(ServerService.ServiceId))
        {
            var host = row.Node.Address;
            var address = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{row.Service.Port}" : $"{host}:{row.Service.Port}";
            if (leftAt.TryGetValue(address, out var index) && row.Service.ModifyIndex <= index)
            {
                left.Add((row.Node.Name, address));
            }
        }

        return left;
    }

    private static partial class Log
    {
        // Agent owns 5000-5999 (AgentLog); 5090-5099 are this service's.
        [LoggerMessage(5090, LogLevel.Information, "Deregistered server {Node} ({Address}): it left the Raft configuration")]
        public static partial void LeftServerDeregistered(ILogger logger, string node, string address);

        [LoggerMessage(5091, LogLevel.Warning, "Could not deregister server {Node}, which left the Raft configuration; retrying")]
        public static partial void LeftServerDeregistrationFailed(ILogger logger, string node, Exception exception);
    }
}
