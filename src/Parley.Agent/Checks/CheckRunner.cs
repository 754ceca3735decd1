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
/// Runs the checks of the services registered with this agent: HTTP and TCP probes on their intervals, and
/// TTL expiry. Only status or output changes are written to the catalog.
/// </summary>
/// <remarks>
/// Watches the store for this node's checks; each check with a definition gets one loop, stopped when the
/// check is deregistered or its definition changes.
/// </remarks>
internal sealed class CheckRunner(
    StateStore store, IReplicator replicator, AgentInfo agent, TtlHeartbeats heartbeats, CheckProbe probe,
    TimeProvider timeProvider, ILogger<CheckRunner> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, (string Definition, CancellationTokenSource Stop)> _running = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
