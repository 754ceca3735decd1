using Parley.Consensus.Internal;
using Parley.Consensus.Internal.Rpc;
using Parley.Core.Time;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    /// <summary>
    /// Runs until this server is a voter of a cluster: asks every known server who it is; once one answers that it is in
    /// a cluster, asks the leader to add this server. With <see cref="RaftOptions.BootstrapExpect"/> above 1 and no
    /// cluster yet, the server with the lowest address among at least that many reachable servers bootstraps one.
    /// </summary>
    private async Task FormAsync(RaftRun run, CancellationToken cancellationToken)
    {
        foreach (var seed in _options.RetryJoin)
        {
            run.Learn(NormalizeAddress(seed));
        }

        var expect = _options.BootstrapExpect;
        var lastWaiting = "";
        while (!cancellationToken.IsCancellationRequested)
        {
            if (run.IsVoter)
            {
                return;
            }

            var reachable = new SortedSet<string>(StringComparer.Ordinal) { run.Self };
            string? member = null;
            string? leader = null;
            foreach (var server in run.Known.Keys.Where(k => k != run.Self).Order(StringComparer.Ordinal).ToList())
            {
                RpcResponse hello;
                try
                {
                    var request = new RpcRequest(RpcKind.Hello, run.Self, Known: [.. run.Known.Keys]);
                    hello = await run.Rpc.CallAsync(server, request, RequestTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or TimeoutException)
                {
                    _logger.JoinAttemptFailed(server, e.Message);
                    continue;
                }

                reachable.Add(server);
                foreach (var other in hello.Known ?? [])
                {
                    run.Learn(other);
                }

                if (hello.InCluster)
                {
                    member ??= server;
                    leader ??= hello.Leader;
                }
            }

            if (member is not null)
            {
                if (run.Cluster is null)
                {
                    await run.StartClusterAsync(coldStart: false, cancellationToken).ConfigureAwait(false);
                }

                await TryJoinAsync(run, leader ?? member, cancellationToken).ConfigureAwait(false);
            }
            else if (run.Cluster is null && expect > 1 && reachable.Count >= expect && reachable.Min == run.Self)
            {
                _logger.Bootstrapping(reachable.Count, expect, string.Join(", ", reachable));
                await run.StartClusterAsync(coldStart: true, cancellationToken).ConfigureAwait(false);
                return;
            }
            else
            {
                var waiting = string.Join(", ", reachable);
                if (waiting != lastWaiting)
                {
                    lastWaiting = waiting;
                    if (expect > 1)
                    {
                        _logger.WaitingForServers(reachable.Count, expect, waiting);
                    }
                    else
                    {
                        _logger.WaitingToJoin(string.Join(", ", run.Known.Keys.Where(k => k != run.Self)));
                    }
                }
            }

            // Spread the rounds of servers started together, so they do not ask each other in lockstep.
            var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1 + (int)(_options.RetryJoinInterval.TotalMilliseconds / 4)));
            await Task.Delay(_options.RetryJoinInterval + jitter, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    // Asks a server of the cluster (the leader, or one that names it) to add this server.
    private async Task TryJoinAsync(RaftRun run, string target, CancellationToken cancellationToken)
    {
        for (var hop = 0; hop < 2; hop++)
        {
            RpcResponse response;
            try
            {
                var request = new RpcRequest(RpcKind.Join, run.Self, Address: run.Self);
                response = await run.Rpc.CallAsync(target, request, ServerRpcHandler.JoinTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                _logger.JoinAttemptFailed(target, e.Message);
                return;
            }

            switch (response.Status)
            {
                case RpcStatus.Ok:
                    _logger.Joined(target);
                    await WaitUntilVoterAsync(run, cancellationToken).ConfigureAwait(false);
                    return;
                case RpcStatus.NotLeader when response.Leader is { } leader && leader != target:
                    target = leader;
                    continue;
                default:
                    _logger.JoinAttemptFailed(target, response.Message ?? response.Status.ToString());
                    return;
            }
        }
    }

    // The leader has committed the configuration with this server in it; it arrives here with the next replication.
    private async Task WaitUntilVoterAsync(RaftRun run, CancellationToken cancellationToken)
    {
        if (run.Cluster is not { } cluster)
        {
            return;
        }

        using var wait = new Deadline(ServerRpcHandler.JoinTimeout, _timeProvider, cancellationToken);
        try
        {
            await cluster.Readiness.WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not added after all; the next round asks again.
        }
    }

    // Retry-join entries may name hosts; servers identify each other by their resolved, formatted address.
    private static string NormalizeAddress(string address)
    {
        try
        {
            return ServerAddress.Format(ServerAddress.Resolve(address));
        }
        catch (Exception e) when (e is FormatException or System.Net.Sockets.SocketException)
        {
            return address;
        }
    }

    private TimeSpan RequestTimeout
    {
        get
        {
            var timeout = _options.RequestTimeout ?? _options.LowerElectionTimeout;
            return timeout < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : timeout;
        }
    }
}
