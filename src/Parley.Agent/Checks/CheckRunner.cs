using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Api;
using Parley.Api.Agent;
using Parley.Core.Catalog;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Agent.Checks;

/// <summary>
/// Runs the checks of the services registered with this agent: HTTP and TCP probes on their intervals, TTL expiry,
/// and alias checks. Only status or output changes are written to the catalog.
/// </summary>
/// <remarks>
/// Watches the store for this node's checks; each probe or TTL check gets one loop, stopped when the check is
/// deregistered or its definition changes. Alias checks are re-evaluated on every store change (so a failing TTL on
/// a service turns its sidecar's alias check critical at once) and at least once a minute, as Consul's are.
/// </remarks>
internal sealed class CheckRunner(
    StateStore store, IReplicator replicator, AgentInfo agent, TtlHeartbeats heartbeats, CheckProbe probe,
    TimeProvider timeProvider, ILogger<CheckRunner> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, (string Definition, CancellationTokenSource Stop)> _running = new(StringComparer.Ordinal);

    /// <summary>How often alias checks are re-evaluated when nothing changes (Consul's forced re-check).</summary>
    private static readonly TimeSpan AliasRefresh = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var aliases = RunAliasesAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = store.NextChange;
                Reconcile(store.Current, stoppingToken);
                await next.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var (_, run) in _running)
            {
                await run.Stop.CancelAsync();
                run.Stop.Dispose();
            }

            await aliases;
        }
    }

    private async Task RunAliasesAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = store.NextChange;
                var snapshot = store.Current;
                foreach (var check in snapshot.NodeChecks(agent.NodeName).Where(c => c.Type == "alias"))
                {
                    var definition = CheckDefinition.FromJson(check.DefinitionJson);
                    if (definition is null)
                    {
                        continue;
                    }

                    var node = string.IsNullOrEmpty(definition.AliasNode) ? agent.NodeName : definition.AliasNode;
                    var serviceId = definition.AliasService ?? "";
                    var (status, output) = AliasCheck.Evaluate(
                        snapshot.NodeChecks(node), check.CheckID, serviceId, serviceId.Length > 0
                            && snapshot.GetService(node, serviceId) is not null, node);
                    await RecordAsync(check.CheckID, status, output, stoppingToken);
                }

                using var refresh = new CancellationTokenSource(AliasRefresh, timeProvider);
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(refresh.Token, stoppingToken);
                try
                {
                    await next.WaitAsync(wake.Token);
                }
                catch (OperationCanceledException) when (refresh.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Reconcile(StateSnapshot snapshot, CancellationToken stoppingToken)
    {
        var wanted = snapshot.NodeChecks(agent.NodeName)
            .Where(c => c.DefinitionJson is not null && c.Type is "ttl" or "http" or "tcp")
            .ToDictionary(c => c.CheckID, StringComparer.Ordinal);

        foreach (var (id, run) in _running)
        {
            if (!wanted.TryGetValue(id, out var check) || check.DefinitionJson != run.Definition)
            {
                run.Stop.Cancel();
                run.Stop.Dispose();
                _running.TryRemove(id, out _);
                heartbeats.Forget(id);
            }
        }

        foreach (var (id, check) in wanted)
        {
            if (_running.ContainsKey(id))
            {
                continue;
            }

            var definition = CheckDefinition.FromJson(check.DefinitionJson)!;
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[id] = (check.DefinitionJson!, stop);
            _ = definition.TTL is { } ttl
                ? RunTtlAsync(id, ttl, stop.Token)
                : RunProbeAsync(id, definition, stop.Token);
        }
    }

    private async Task RunProbeAsync(string checkId, CheckDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            // Consul staggers the first run randomly within the interval; a short stagger keeps start-up fast.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100)), timeProvider, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var (status, output) = await probe.RunAsync(definition, cancellationToken);
                await RecordAsync(checkId, status, output, cancellationToken);
                await Task.Delay(definition.Interval, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunTtlAsync(string checkId, TimeSpan ttl, CancellationToken cancellationToken)
    {
        // The TTL of a check nobody has updated yet counts from when this loop started: the agent's start for checks
        // already in the store, the registration for new ones. Counting a new check from the agent's start made it
        // expire at once ("TTL expired") whenever this loop ran before the handler recorded the registration's heartbeat.
        var runStarted = timeProvider.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var last = heartbeats.LastBeat(checkId) ?? runStarted;
                var expires = last + ttl;
                var now = timeProvider.GetUtcNow();
                if (now >= expires)
                {
                    await RecordAsync(checkId, HealthStatus.Critical, "TTL expired", cancellationToken);
                    expires = now + ttl;
                }

                await Task.Delay(expires - now > TimeSpan.Zero ? expires - now : ttl, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecordAsync(string checkId, string status, string output, CancellationToken cancellationToken)
    {
        var current = store.Current.GetCheck(agent.NodeName, checkId);
        if (current is null || current.Status == status && current.Output == output)
        {
            return;
        }

        if (status == HealthStatus.Critical && output == "TTL expired" && heartbeats.LastBeat(checkId) is { } beat &&
            timeProvider.GetUtcNow() - beat < (CheckDefinition.FromJson(current.DefinitionJson)?.TTL ?? TimeSpan.Zero))
        {
            return; // Refreshed while we were deciding.
        }

        try
        {
            await replicator.ApplyAsync(new UpdateCheckStatus(agent.NodeName, checkId, status, output), cancellationToken);
            if (current.Status != status)
            {
                logger.CheckStatusChanged(checkId, status);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.CheckUpdateFailed(checkId, e);
        }
    }
}
