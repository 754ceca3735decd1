using System.Diagnostics.Metrics;

namespace Parley.Consensus;

/// <summary>
/// The consensus layer's instruments, named as Consul's go-metrics keys without the <c>consul.</c> prefix (the agent's
/// metrics sink adds it), so existing dashboards find <c>consul_raft_commitTime</c> and friends. Timers are in
/// milliseconds, as go-metrics measures them.
/// </summary>
/// <remarks>Without a meter factory (a replicator built outside a host) nothing is recorded.</remarks>
internal sealed class RaftMetrics
{
    /// <summary>The meter every consensus instrument belongs to.</summary>
    public const string MeterName = "Parley.Raft";

    private readonly Histogram<double>? _commitTime;
    private readonly Counter<long>? _apply;
    private readonly Histogram<double>? _lastContact;
    private readonly Counter<long>? _rpcRequest;

    public RaftMetrics(IMeterFactory? meters)
    {
        var meter = meters?.Create(MeterName);
        _commitTime = meter?.CreateHistogram<double>(
            "raft.commitTime", "ms", "Time from appending an entry on the leader to its commit and apply");
        _apply = meter?.CreateCounter<long>("raft.apply", description: "Entries the leader appended and committed");
        _lastContact = meter?.CreateHistogram<double>(
            "raft.leader.lastContact", "ms", "On a follower: time since the previous contact from the leader, at each contact");
        _rpcRequest = meter?.CreateCounter<long>(
            "rpc.request", description: "Requests served on the server port (forwarded writes, joins, queries)");
    }

    public void Committed(TimeSpan elapsed)
    {
        _commitTime?.Record(elapsed.TotalMilliseconds);
        _apply?.Add(1);
    }

    public void LeaderContact(TimeSpan sincePrevious) => _lastContact?.Record(sincePrevious.TotalMilliseconds);

    public void RpcServed() => _rpcRequest?.Add(1);
}
